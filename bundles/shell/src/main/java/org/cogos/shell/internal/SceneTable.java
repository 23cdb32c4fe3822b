package org.cogos.shell.internal;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.karaf.shell.support.table.ShellTable;
import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.admin.DecidedScene;

/** robot:scene's presentation: one row per detection of the scene, observations without any as one empty row. */
final class SceneTable {

    /** Attributes longer than this are cut, so one chatty module cannot push the table off the screen. */
    static final int MAX_ATTRIBUTES = 60;

    private SceneTable() {
    }

    static ShellTable detections(DecidedScene decided) {
        ShellTable table = new ShellTable().emptyTableText("the scene holds no observation");
        table.column("Modality");
        table.column("Module");
        table.column("Seq").alignRight();
        table.column("Label");
        table.column("Conf").alignRight();
        table.column("Distance").alignRight();
        table.column("Bearing").alignRight();
        table.column("Attributes");
        for (Observation o : decided.scene().observations()) {
            String seq = o.sourceSequence() >= 0 ? Long.toString(o.sourceSequence()) : "p" + o.perceptSequence();
            if (o.detections().isEmpty()) {
                table.addRow().addContent(o.modality(), o.module(), seq, "-", "", "", "", "");
            }
            for (Detection d : o.detections()) {
                table.addRow().addContent(o.modality(), o.module(), seq, d.label(),
                        format("%.2f", d.confidence()),
                        d.spatial() ? format("%.2f m", d.distanceM()) : Units.UNKNOWN,
                        d.spatial() ? format("%.2f rad", d.bearingRad()) : Units.UNKNOWN,
                        attributes(d.attributes()));
            }
        }
        return table;
    }

    static String attributes(Map<String, String> attributes) {
        String all = attributes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return Units.cut(all, MAX_ATTRIBUTES);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
