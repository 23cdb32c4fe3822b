package org.cogos.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.FileOrUriCompleter;
import org.cogos.api.admin.ModuleException;
import org.cogos.api.admin.ModuleInfo;
import org.cogos.api.admin.ModuleManager;

@Command(scope = "cog", name = "insmod",
        description = "Installs and starts the module bundle at a URL or path (like insmod).")
@Service
public class Insmod extends CogAction {

    @Argument(index = 0, name = "url", description = "Bundle location: mvn:, file: or http: URL, or a file path",
            required = true)
    @Completion(FileOrUriCompleter.class)
    String location;

    @Reference
    ModuleManager modules;

    @Override
    protected String auditTarget() {
        return location;
    }

    @Override
    protected void run(PrintStream out) throws CommandException, ModuleException {
        String name = modules.insmod(location);
        String bundle = modules.info(name).map(ModuleInfo::bundleId).map(id -> " (bundle " + id + ")").orElse("");
        out.println("Inserted module " + name + bundle);
    }
}
