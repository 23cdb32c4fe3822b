package org.cogos.shell.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.cogos.api.admin.ModuleException;
import org.cogos.api.admin.ModuleInfo;

@Command(scope = "cog", name = "modinfo",
        description = "Shows a module's manifest facts and parameters (like modinfo).")
@Service
public class Modinfo extends ModuleCommand {

    @Option(name = "-F", aliases = "--field", description = "Print only the values of this field, e.g. version or parm")
    String field;

    @Override
    protected void run(PrintStream out) throws CommandException, ModuleException {
        ModuleInfo info = modules.info(module)
                .orElseThrow(() -> new ModuleException("no module named " + module + " (see cog:lsmod)"));
        List<ModinfoLines.Field> fields = ModinfoLines.fields(info);
        List<String> lines = field == null ? ModinfoLines.render(fields) : ModinfoLines.values(fields, field);
        lines.forEach(out::println);
    }
}
