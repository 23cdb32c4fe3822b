package org.cogos.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.cogos.api.admin.RobotRegistry;
import org.cogos.api.admin.RobotStatus;

/** Completes the ids of the robots seen so far; offers nothing while cogos-mqtt is not installed. */
@Service
public class RobotNameCompleter implements Completer {

    /** Optional for the same reason as in {@link RobotList}: the other commands must not wait for cogos-mqtt. */
    @Reference(optional = true)
    RobotRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        if (registry == null) {
            return -1;
        }
        StringsCompleter ids = new StringsCompleter();
        registry.robots().stream().map(RobotStatus::robotId).forEach(ids.getStrings()::add);
        return ids.complete(session, commandLine, candidates);
    }
}
