package org.cogos.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.cogos.api.admin.ModuleException;
import org.cogos.api.admin.ModuleManager;
import org.cogos.api.admin.ModuleParam;

/** Completes the parameter keys of the module named earlier on the line ({@code cog:param sensor <TAB>}). */
@Service
public class ParamKeyCompleter implements Completer {

    @Reference
    ModuleManager modules;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String[] words = commandLine.getArguments();
        // words[0] is the command itself; the module is the first word after it.
        if (words.length < 2 || commandLine.getCursorArgumentIndex() < 2) {
            return -1;
        }
        StringsCompleter keys = new StringsCompleter();
        try {
            modules.params(words[1]).stream().map(ModuleParam::key).forEach(keys.getStrings()::add);
        } catch (ModuleException e) {
            // No such module: nothing to complete; the command will say why when run.
            return -1;
        }
        return keys.complete(session, commandLine, candidates);
    }
}
