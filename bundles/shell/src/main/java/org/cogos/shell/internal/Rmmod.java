package org.cogos.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.cogos.api.admin.ModuleException;

@Command(scope = "cog", name = "rmmod",
        description = "Stops and removes a module; refused while other modules use it unless forced (like rmmod).")
@Service
public class Rmmod extends ModuleCommand {

    @Option(name = "--force", aliases = "-f", description = "Remove even while other modules use it")
    boolean force;

    @Override
    protected String auditTarget() {
        return force ? module + " --force" : module;
    }

    @Override
    protected void run(PrintStream out) throws CommandException, ModuleException {
        modules.rmmod(module, force);
        out.println("Removed module " + module);
    }
}
