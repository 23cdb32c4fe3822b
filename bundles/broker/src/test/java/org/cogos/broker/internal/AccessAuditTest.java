package org.cogos.broker.internal;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.cogos.api.audit.AuditOutcome;
import org.cogos.api.audit.AuditRecord;
import org.cogos.api.audit.AuditTrail;
import org.cogos.api.audit.AuditVerification;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.TestRule;

/**
 * Refused logins and operations reach the audit trail as they reach the log: the first at once, then at most one per
 * interval with the running total, however fast a robot repeats them. A fresh broker per test: the throttle is the
 * broker's.
 */
public class AccessAuditTest {

    /** The records the broker made. */
    private static final class Recorded implements AuditTrail {
        final List<AuditRecord> records = new ArrayList<>();

        @Override
        public synchronized void record(String actor, String action, String target, AuditOutcome outcome,
                String detail) {
            records.add(new AuditRecord(records.size() + 1, Instant.now(), actor, action, target, outcome,
                    detail));
        }

        @Override
        public synchronized List<AuditRecord> recent(int max) {
            return List.copyOf(records);
        }

        @Override
        public AuditVerification verify() {
            return new AuditVerification(records.size(), 1, records.size(), List.of());
        }

        @Override
        public long lostRecords() {
            return 0;
        }
    }

    private final TemporaryFolder folder = new TemporaryFolder();
    private final Recorded trail = new Recorded();
    private AccountFile accounts;
    private final RunningBroker broker = new RunningBroker(RunningBroker.DEFAULT_LIMITS, null) {
        @Override
        protected void before() throws Throwable {
            accounts = AccountFile.load(folder.getRoot().toPath().resolve("robots.passwd"));
            auth = new BrokerAuth(accounts, false, "cogos", "service-secret", "cogos/v1");
            audit = trail;
            super.before();
        }
    };

    @Rule
    public final TestRule chain = RuleChain.outerRule(folder).around(broker);

    private PahoClient connect(String user, String password) throws MqttException {
        return PahoClient.connect(broker.uri(), "client-" + user + "-" + System.nanoTime(), options -> {
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    public void aRobotSubscribingToAnothersActionsIsAuditedOnceWithinTheInterval() throws Exception {
        String password = accounts.add("r1");
        accounts.add("r2");
        try (PahoClient r1 = connect("r1", password)) {
            for (int i = 0; i < 5; i++) {
                r1.client.subscribe(new MqttSubscription[] {new MqttSubscription("cogos/v1/robots/r2/actions", 1) });
            }
        }
        assertEquals(5, broker.counters().refusedOperations.sum());
        assertEquals(1, trail.records.size());
        AuditRecord r = trail.records.get(0);
        assertEquals(List.of("r1", "mqtt:subscribe", "cogos/v1/robots/r2/actions", "REFUSED"),
                List.of(r.actor(), r.action(), r.target(), r.outcome().name()));
    }

    @Test
    public void aWrongPasswordIsAuditedWithTheUserItClaimed() throws Exception {
        accounts.add("r3");
        try (PahoClient c = connect("r3", "not-its-password")) {
            throw new AssertionError("connected with a wrong password");
        } catch (MqttException e) {
            assertEquals(0x86, e.getReasonCode());
        }
        AuditRecord r = trail.records.get(0);
        assertEquals(List.of("r3", "mqtt:connect", "REFUSED"), List.of(r.actor(), r.action(), r.outcome().name()));
    }
}
