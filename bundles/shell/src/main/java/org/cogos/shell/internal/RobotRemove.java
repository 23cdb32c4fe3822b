package org.cogos.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

@Command(scope = "robot", name = "remove",
        description = "Removes a robot's account from the embedded broker and disconnects it.")
@Service
public class RobotRemove extends RobotAccountCommand {

    @Override
    protected void act(PrintStream out) throws CommandException {
        if (!accounts.remove(robot)) {
            throw new CommandException("robot " + robot + " has no account");
        }
        out.println("Robot " + robot + " removed; it can no longer connect");
    }
}
