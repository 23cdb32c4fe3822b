package org.cogos.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "robot", name = "add",
        description = "Gives a robot an account on the embedded broker and prints its password, this once.")
@Service
public class RobotAdd extends RobotAccountCommand {

    @Override
    protected void act(PrintStream out) {
        String password = accounts.add(robot);
        out.println("Robot " + robot + " added. Its MQTT user name is " + robot + ", its password (shown only now):");
        out.println(password);
    }
}
