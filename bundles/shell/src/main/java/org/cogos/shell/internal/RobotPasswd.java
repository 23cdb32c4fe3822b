package org.cogos.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "robot", name = "passwd",
        description = "Gives a robot a new password on the embedded broker and prints it, this once.")
@Service
public class RobotPasswd extends RobotAccountCommand {

    @Override
    protected void act(PrintStream out) {
        String password = accounts.resetPassword(robot);
        out.println("Robot " + robot + " has a new password (shown only now; the old one no longer connects):");
        out.println(password);
    }
}
