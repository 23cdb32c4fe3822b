package org.cogos.runtime.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.cogos.api.admin.ModuleException;
import org.cogos.api.admin.ModuleParam;
import org.cogos.api.config.ParamCheck;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * A module's parameters: declared by its Metatype, valued by Config Admin. Setting one checks it against its
 * declaration first, then updates the configuration, which Karaf also writes back to {@code etc/PID.cfg}.
 */
final class ModuleParams {

    private final MetaTypeService metaTypes;
    private final ConfigurationAdmin configAdmin;

    ModuleParams(MetaTypeService metaTypes, ConfigurationAdmin configAdmin) {
        this.metaTypes = metaTypes;
        this.configAdmin = configAdmin;
    }

    List<String> pids(Bundle bundle) {
        MetaTypeInformation info = metaTypes.getMetaTypeInformation(bundle);
        return info == null ? List.of() : List.of(info.getPids());
    }

    List<ModuleParam> list(Bundle bundle) throws ModuleException {
        List<ModuleParam> params = new ArrayList<>();
        for (String pid : pids(bundle)) {
            Dictionary<String, Object> current = current(pid);
            for (AttributeDefinition ad : definitions(bundle, pid)) {
                Object value = current == null ? null : current.get(ad.getID());
                params.add(new ModuleParam(ad.getID(), typeName(ad.getType()), defaultOf(ad), ad.getDescription(),
                        value == null ? defaultOf(ad) : shown(ad, value)));
            }
        }
        return params;
    }

    /** @return the value stored, as it was converted to the declared type */
    Object set(String module, Bundle bundle, String key, String value) throws ModuleException {
        for (String pid : pids(bundle)) {
            Optional<AttributeDefinition> found = definitions(bundle, pid).stream()
                    .filter(ad -> ad.getID().equals(key)).findFirst();
            if (found.isPresent()) {
                Object typed = convert(module, bundle, pid, found.get(), value);
                try {
                    Configuration configuration = configAdmin.getConfiguration(pid, "?");
                    Dictionary<String, Object> props = configuration.getProperties();
                    if (props == null) {
                        props = new Hashtable<>();
                    }
                    props.put(key, typed);
                    configuration.update(props);
                } catch (IOException e) {
                    throw new ModuleException("cannot store " + pid + "." + key + ": " + e.getMessage(), e);
                }
                return typed;
            }
        }
        throw new ModuleException("module " + module + " has no parameter '" + key + "' (see cog:modinfo "
                + module + ")");
    }

    private static Object convert(String module, Bundle bundle, String pid, AttributeDefinition ad, String value)
            throws ModuleException {
        Object typed;
        try {
            typed = switch (ad.getType()) {
                case AttributeDefinition.INTEGER -> Integer.valueOf(value.trim());
                case AttributeDefinition.LONG -> Long.valueOf(value.trim());
                case AttributeDefinition.DOUBLE -> Double.valueOf(value.trim());
                case AttributeDefinition.FLOAT -> Float.valueOf(value.trim());
                case AttributeDefinition.SHORT -> Short.valueOf(value.trim());
                case AttributeDefinition.BOOLEAN -> parseBoolean(value);
                default -> value;
            };
        } catch (NumberFormatException e) {
            throw new ModuleException(module + "." + ad.getID() + " takes " + article(typeName(ad.getType())) + " "
                    + typeName(ad.getType()) + ", not '" + value + "'");
        }
        // The type is right; what the Metatype still refuses is a bound or an option. A bound is worded as the
        // module's own check of a hand-edited .cfg words it (ParamCheck), with the declared bounds.
        String problem = ad.validate(value.trim());
        if (problem != null && !problem.isEmpty()) {
            Optional<MetatypeBounds.Bounds> bounds = MetatypeBounds.of(bundle, pid, ad.getID());
            if (bounds.isPresent()) {
                throw new ModuleException(
                        ParamCheck.outOfRange(pid, ad.getID(), typed, bounds.get().min(), bounds.get().max()));
            }
            throw new ModuleException(module + "." + ad.getID() + " = " + value + " refused: " + problem
                    + " (see cog:modinfo " + module + ")");
        }
        return typed;
    }

    private static String article(String word) {
        return "AEIOU".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    private static Boolean parseBoolean(String value) {
        return switch (value.trim().toLowerCase()) {
            case "true", "1", "yes", "on" -> Boolean.TRUE;
            case "false", "0", "no", "off" -> Boolean.FALSE;
            default -> throw new NumberFormatException(value);
        };
    }

    private List<AttributeDefinition> definitions(Bundle bundle, String pid) {
        MetaTypeInformation info = metaTypes.getMetaTypeInformation(bundle);
        ObjectClassDefinition ocd = info == null ? null : info.getObjectClassDefinition(pid, null);
        if (ocd == null) {
            return List.of();
        }
        AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        return ads == null ? List.of() : List.of(ads);
    }

    /** Reads without creating: getConfiguration would create (and bind) an empty one. */
    private Dictionary<String, Object> current(String pid) throws ModuleException {
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
            return found == null || found.length == 0 ? null : found[0].getProperties();
        } catch (IOException | InvalidSyntaxException e) {
            throw new ModuleException("cannot read configuration " + pid + ": " + e.getMessage(), e);
        }
    }

    private static String defaultOf(AttributeDefinition ad) {
        String[] defaults = ad.getDefaultValue();
        if (ad.getType() == AttributeDefinition.PASSWORD) {
            return "";
        }
        return defaults == null ? "" : String.join(",", defaults);
    }

    private static String shown(AttributeDefinition ad, Object value) {
        if (ad.getType() == AttributeDefinition.PASSWORD) {
            return "********";
        }
        if (value instanceof Object[] array) {
            return String.join(",", java.util.Arrays.stream(array).map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.STRING -> "String";
            case AttributeDefinition.LONG -> "Long";
            case AttributeDefinition.INTEGER -> "Integer";
            case AttributeDefinition.SHORT -> "Short";
            case AttributeDefinition.CHARACTER -> "Character";
            case AttributeDefinition.BYTE -> "Byte";
            case AttributeDefinition.DOUBLE -> "Double";
            case AttributeDefinition.FLOAT -> "Float";
            case AttributeDefinition.BOOLEAN -> "Boolean";
            case AttributeDefinition.PASSWORD -> "Password";
            default -> "type " + type;
        };
    }
}
