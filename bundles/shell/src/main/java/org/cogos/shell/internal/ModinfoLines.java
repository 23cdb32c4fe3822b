package org.cogos.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.cogos.api.admin.ModuleInfo;
import org.cogos.api.admin.ModuleParam;

/**
 * What {@code cog:modinfo} prints, in the shape of Linux modinfo: {@code key: value} lines with the values aligned,
 * and one {@code parm:} line per parameter.
 */
final class ModinfoLines {

    /** One {@code key: value} line before alignment. */
    record Field(String key, String value) {
    }

    private ModinfoLines() {
    }

    /** The fields in modinfo order; {@code pid} only when the module has parameters to configure. */
    static List<Field> fields(ModuleInfo info) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("name", info.name()));
        fields.add(new Field("version", info.version()));
        fields.add(new Field("description", info.description()));
        fields.add(new Field("author", info.author()));
        fields.add(new Field("license", info.license()));
        fields.add(new Field("depends", String.join(",", info.depends())));
        fields.add(new Field("bundle", Long.toString(info.bundleId())));
        fields.add(new Field("location", info.location()));
        fields.add(new Field("signer", info.signer()));
        if (!info.pid().isEmpty()) {
            fields.add(new Field("pid", info.pid()));
        }
        for (ModuleParam param : info.params()) {
            fields.add(new Field("parm", parm(param)));
        }
        return fields;
    }

    /** All fields as aligned lines; an empty value leaves just the key, as modinfo does for {@code depends:}. */
    static List<String> render(List<Field> fields) {
        int width = fields.stream().mapToInt(field -> field.key().length()).max().orElse(0) + 2;
        List<String> lines = new ArrayList<>(fields.size());
        for (Field field : fields) {
            String key = field.key() + ":";
            lines.add(field.value().isEmpty() ? key : key + " ".repeat(width - key.length()) + field.value());
        }
        return lines;
    }

    /** The values of one field, for {@code -F}: scripts want the bare values. */
    static List<String> values(List<Field> fields, String key) {
        return fields.stream().filter(field -> field.key().equals(key)).map(Field::value).toList();
    }

    /** {@code key:description (type, default X, now Y)}, leaving out what the module does not declare. */
    static String parm(ModuleParam param) {
        List<String> facts = new ArrayList<>(3);
        facts.add(param.type());
        if (!param.defaultValue().isEmpty()) {
            facts.add("default " + param.defaultValue());
        }
        if (!param.value().isEmpty()) {
            facts.add("now " + param.value());
        }
        return param.key() + ":" + param.description() + " (" + String.join(", ", facts) + ")";
    }
}
