package org.cogos.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.cogos.api.admin.RobotAccounts;

@Command(scope = "robot", name = "accounts",
        description = "Lists the robots with an account on the embedded broker, one per line.")
@Service
public class RobotAccountList extends CogAction {

    /** Optional: registered by the broker bundle. */
    @Reference(optional = true)
    RobotAccounts accounts;

    @Override
    protected void run(PrintStream out) throws CommandException {
        if (accounts == null) {
            throw new CommandException(RobotAccountCommand.NO_ACCOUNTS);
        }
        try {
            accounts.robots().forEach(out::println);
        } catch (IllegalStateException e) {
            throw new CommandException(e.getMessage());
        }
    }
}
