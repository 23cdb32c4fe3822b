package org.cogos.shell.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.cogos.api.admin.ModuleException;
import org.cogos.api.admin.ModuleParam;

/**
 * The analogue of {@code /sys/module/NAME/parameters}: list, read ({@code cat}) and write ({@code echo >}) a
 * module's parameters. Listing and setting print {@code module.key = value} lines, the way sysctl does.
 */
@Command(scope = "cog", name = "param",
        description = "Lists, reads or sets a module's parameters live (like /sys/module/NAME/parameters).")
@Service
public class Param extends ModuleCommand {

    @Argument(index = 1, name = "key", description = "Parameter to read or set; all are listed without it")
    @Completion(ParamKeyCompleter.class)
    String key;

    @Argument(index = 2, name = "value", description = "New value, checked against the parameter's type and bounds")
    String value;

    /** Only setting a value is audited; listing and reading are not. */
    @Override
    protected String auditTarget() {
        return value == null ? null : module + " " + key + "=" + value;
    }

    @Override
    protected void run(PrintStream out) throws CommandException, ModuleException {
        if (key == null) {
            list(out);
        } else if (value == null) {
            out.println(find(modules.params(module)).value());
        } else {
            modules.setParam(module, key, value);
            // Print what is in force, which may be the value normalised by its type (5 becomes 5.0 for a Double).
            String inForce = modules.params(module).stream().filter(param -> param.key().equals(key))
                    .map(ModuleParam::value).findFirst().orElse(value);
            out.println(module + "." + key + " = " + inForce);
        }
    }

    private void list(PrintStream out) throws ModuleException {
        List<ModuleParam> params = modules.params(module);
        if (params.isEmpty()) {
            out.println("module " + module + " has no parameters");
        }
        for (ModuleParam param : params) {
            out.println(module + "." + param.key() + " = " + param.value());
        }
    }

    private ModuleParam find(List<ModuleParam> params) throws ModuleException {
        return params.stream().filter(param -> param.key().equals(key)).findFirst()
                .orElseThrow(() -> new ModuleException("module " + module + " has no parameter " + key
                        + " (see cog:param " + module + ")"));
    }
}
