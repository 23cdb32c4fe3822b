package org.cogos.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cogos.harness.CogosInstance;
import org.cogos.harness.CogosInstance.CommandResult;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The distribution's console roles as an operator meets them through {@code bin/client}: viewer, operator, admin
 * (etc/org.apache.karaf.command.acl.*.cfg), a command without an ACL needing admin, and every change and refusal
 * in the audit trail, whose chain breaks when a line is edited.
 */
public class OperatorRolesIT {

    @ClassRule
    public static final RunningCogos COGOS = new RunningCogos("roles");

    private static final String VIEWER = "vera";
    private static final String OPERATOR = "otto";

    @BeforeClass
    public static void addUsers() throws Exception {
        COGOS.instance().addConsoleUser(VIEWER, "viewer-pass", "viewergroup");
        COGOS.instance().addConsoleUser(OPERATOR, "operator-pass", "operatorgroup");
    }

    private static CommandResult asViewer(String command) throws Exception {
        return COGOS.instance().commandAs(VIEWER, "viewer-pass", command);
    }

    private static CommandResult asOperator(String command) throws Exception {
        return COGOS.instance().commandAs(OPERATOR, "operator-pass", command);
    }

    private static CommandResult asAdmin(String command) throws Exception {
        return COGOS.instance().command(command);
    }

    /**
     * Karaf refuses in two ways: a command the user may not run at all is hidden ("Command not found"); one the user
     * may run with other arguments fails with "Insufficient credentials".
     */
    private static void assertRefused(CommandResult result) {
        assertNotEquals(result.output(), 0, result.exitStatus());
        assertTrue(result.output(), result.output().contains("Insufficient credentials")
                || result.output().contains("Command not found"));
    }

    private static void assertOk(CommandResult result) {
        assertEquals(result.output(), 0, result.exitStatus());
    }

    @Test
    public void aViewerSeesButCannotRemoveAndTheRefusalIsAudited() throws Exception {
        assertOk(asViewer("cog:lsmod"));
        assertOk(asViewer("cog:lsmod | grep vision"));
        assertOk(asViewer("cog:param sensor"));

        assertRefused(asViewer("cog:rmmod vision"));
        assertRefused(asViewer("cog:param sensor maxPoints 4000"));
        CommandResult lsmod = asAdmin("cog:lsmod --no-format");
        assertTrue("vision is still loaded", lsmod.output().lines().anyMatch(l -> l.startsWith("vision")));

        String audit = asAdmin("cog:audit -n 200").output();
        assertTrue(audit, audit.lines().anyMatch(l -> l.contains(" " + VIEWER + " command cog:rmmod vision: refused")));
        assertTrue(audit, audit.lines().anyMatch(l -> l.contains(" " + VIEWER + " login: ok")));
    }

    @Test
    public void anOperatorSetsParametersAndManagesRobotsButLoadsNoModule() throws Exception {
        assertOk(asOperator("cog:param sensor maxPoints 4000"));
        assertOk(asOperator("robot:add roles-robot"));
        assertRefused(asOperator("cog:rmmod vision"));
        assertRefused(asOperator("cog:modprobe reasoning"));
        assertRefused(asOperator("rabab:evolve 'near(e: Entity) := e.distance <= 1'"));

        String audit = asAdmin("cog:audit -n 200").output();
        assertTrue(audit, audit.lines().anyMatch(l -> l.contains(" " + OPERATOR
                + " cog:param sensor maxPoints=4000: ok")));
        assertTrue(audit, audit.lines().anyMatch(l -> l.contains(" " + OPERATOR + " robot:add roles-robot: ok")));
    }

    /** Compulsory roles: Karaf's scr: scope ships no ACL; without one, only an admin may run its commands. */
    @Test
    public void aCommandWithoutAnAclNeedsAdmin() throws Exception {
        assertRefused(asViewer("scr:list"));
        assertRefused(asOperator("scr:list"));
        assertOk(asAdmin("scr:list"));
    }

    @Test
    public void anAdminRemovesAndTheChangeIsAuditedWithTheOutcome() throws Exception {
        assertOk(asAdmin("cog:rmmod audio"));
        assertOk(asAdmin("cog:modprobe audio"));
        CommandResult failed = asAdmin("cog:rmmod no-such-module");
        assertEquals(1, failed.exitStatus());
        String audit = asAdmin("cog:audit -n 200").output();
        String admin = CogosInstance.ADMIN;
        assertTrue(audit, audit.lines().anyMatch(l -> l.contains(" " + admin + " cog:rmmod audio: ok")));
        assertTrue(audit, audit.lines().anyMatch(l -> l.contains(" " + admin + " cog:modprobe audio: ok")));
        assertTrue(audit, audit.lines().anyMatch(l -> l.contains(" " + admin + " cog:rmmod no-such-module: failed")));
    }

    /** Leaves the trail broken; the other tests read the trail but do not verify it, so the order does not matter. */
    @Test
    public void editingOneAuditLineMakesVerifyFail() throws Exception {
        assertOk(asAdmin("cog:param sensor maxPoints 4096"));
        assertOk(asAdmin("cog:param sensor maxPoints 4096"));
        CommandResult before = asAdmin("cog:audit --verify");
        assertEquals(before.output(), 0, before.exitStatus());
        assertTrue(before.output(), before.output().contains("audit trail intact"));

        Path log = COGOS.instance().home().resolve("data/cogos/audit/audit.log");
        List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        assertTrue("records to edit: " + lines, lines.size() >= 3);
        String[] fields = lines.get(1).split("\t", -1);
        fields[6] = fields[6] + " (edited)";
        lines.set(1, String.join("\t", fields));
        Files.write(log, lines, StandardCharsets.UTF_8);

        CommandResult after = asAdmin("cog:audit --verify");
        assertEquals(after.output(), 1, after.exitStatus());
        assertTrue(after.output(), after.output().contains("audit.log line 3: seq 3 does not chain to seq 2"));
        assertTrue(after.output(), after.output().contains("audit trail broken"));
    }
}
