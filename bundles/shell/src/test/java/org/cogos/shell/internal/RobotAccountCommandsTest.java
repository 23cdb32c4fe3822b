package org.cogos.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cogos.api.admin.RobotAccounts;
import org.junit.Test;

/** robot:add, robot:passwd, robot:remove and robot:accounts: what they print and how they fail. */
public class RobotAccountCommandsTest {

    /** Accounts as the broker keeps them, in memory; {@code failing} makes every change fail as a full disk would. */
    private static final class InMemoryAccounts implements RobotAccounts {
        final Map<String, String> passwords = new TreeMap<>();
        boolean failing;
        int made;

        @Override
        public String add(String robotId) {
            if (passwords.containsKey(robotId)) {
                throw new IllegalArgumentException("robot " + robotId + " has an account already");
            }
            return set(robotId);
        }

        @Override
        public String resetPassword(String robotId) {
            if (!passwords.containsKey(robotId)) {
                throw new IllegalArgumentException("robot " + robotId + " has no account");
            }
            return set(robotId);
        }

        private String set(String robotId) {
            if (failing) {
                throw new UncheckedIOException(new AccessDeniedException("etc/cogos-robots.passwd"));
            }
            String password = "password-number-" + (++made) + "-xxxxxx";
            passwords.put(robotId, password);
            return password;
        }

        @Override
        public boolean remove(String robotId) {
            return passwords.remove(robotId) != null;
        }

        @Override
        public List<String> robots() {
            return new ArrayList<>(passwords.keySet());
        }
    }

    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final Console console = new Console();

    private <C extends RobotAccountCommand> C command(C command, String robot) {
        command.accounts = accounts;
        command.robot = robot;
        return command;
    }

    @Test
    public void addPrintsThePasswordOnceOnItsOwnLastLine() {
        console.run(command(new RobotAdd(), "arm-1"));
        assertEquals(0, console.exitStatus());
        List<String> lines = console.outLines();
        assertEquals(accounts.passwords.get("arm-1"), lines.get(lines.size() - 1));
        assertTrue(lines.get(0), lines.get(0).contains("user name is arm-1"));
    }

    @Test
    public void passwdGivesANewPasswordAndAddTwiceFails() {
        console.run(command(new RobotAdd(), "arm-1"));
        String first = accounts.passwords.get("arm-1");
        Console again = new Console();
        again.run(command(new RobotAdd(), "arm-1"));
        assertEquals(1, again.exitStatus());
        assertEquals(List.of("robot arm-1 has an account already"), again.errLines());
        Console passwd = new Console();
        passwd.run(command(new RobotPasswd(), "arm-1"));
        assertEquals(0, passwd.exitStatus());
        List<String> lines = passwd.outLines();
        assertEquals(accounts.passwords.get("arm-1"), lines.get(lines.size() - 1));
        assertTrue(!first.equals(accounts.passwords.get("arm-1")));
    }

    @Test
    public void removeOfAnUnknownRobotFails() {
        console.run(command(new RobotRemove(), "ghost"));
        assertEquals(1, console.exitStatus());
        assertEquals(List.of("robot ghost has no account"), console.errLines());
    }

    @Test
    public void accountsListsOnePerLine() {
        accounts.add("b-bot");
        accounts.add("a-bot");
        RobotAccountList list = new RobotAccountList();
        list.accounts = accounts;
        console.run(list);
        assertEquals(List.of("a-bot", "b-bot"), console.outLines());
    }

    @Test
    public void aWriteFailureSaysNothingChanged() {
        accounts.failing = true;
        console.run(command(new RobotAdd(), "arm-1"));
        assertEquals(1, console.exitStatus());
        assertEquals(List.of("robot accounts unchanged: etc/cogos-robots.passwd"), console.errLines());
    }

    @Test
    public void withoutTheEmbeddedBrokerEveryCommandSaysWhy() {
        RobotAdd add = new RobotAdd();
        add.robot = "arm-1";
        console.run(add);
        assertEquals(1, console.exitStatus());
        assertEquals(List.of(RobotAccountCommand.NO_ACCOUNTS), console.errLines());
    }
}
