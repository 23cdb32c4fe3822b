package org.cogos.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.cogos.api.admin.ModuleManager;
import org.cogos.api.admin.ModuleStatus;

/** Completes the names of the loaded modules. */
@Service
public class ModuleNameCompleter implements Completer {

    @Reference
    ModuleManager modules;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        modules.list().stream().map(ModuleStatus::name).forEach(names.getStrings()::add);
        return names.complete(session, commandLine, candidates);
    }
}
