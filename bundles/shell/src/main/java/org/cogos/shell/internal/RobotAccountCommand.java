package org.cogos.shell.internal;

import java.io.PrintStream;
import java.io.UncheckedIOException;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.cogos.api.admin.RobotAccounts;

/** Template for the robot account commands: check that the embedded broker keeps accounts, then act on one. */
abstract class RobotAccountCommand extends CogAction {

    @Argument(index = 0, name = "robot", description = "The robot's id, its MQTT user name", required = true)
    String robot;

    /** Every robot account command changes an account: the robot is what it changed. */
    @Override
    protected final String auditTarget() {
        return robot;
    }

    /** Optional: registered only while the embedded broker serves cogos. */
    @Reference(optional = true)
    RobotAccounts accounts;

    static final String NO_ACCOUNTS = "robot accounts are kept by the embedded broker (cogos-broker), which is "
            + "not installed: with an external broker, provision robots with its own tools (docs/security.md)";

    @Override
    protected final void run(PrintStream out) throws CommandException {
        if (accounts == null) {
            throw new CommandException(NO_ACCOUNTS);
        }
        try {
            act(out);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CommandException("robot accounts unchanged: " + e.getCause().getMessage());
        }
    }

    protected abstract void act(PrintStream out) throws CommandException;
}
