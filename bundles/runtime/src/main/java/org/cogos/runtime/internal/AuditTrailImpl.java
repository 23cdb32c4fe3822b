package org.cogos.runtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.cogos.api.audit.AuditOutcome;
import org.cogos.api.audit.AuditRecord;
import org.cogos.api.audit.AuditTrail;
import org.cogos.api.audit.AuditVerification;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail, and the console logins Karaf's JAAS realm reports on EventAdmin ({@code org/apache/karaf/login/*},
 * posted by its {@code EventAdminAuditLoginModule}, on by default). Every record also goes to the log under
 * {@code org.cogos.audit}, so that a site forwarding its logs off the machine keeps a copy the chain cannot.
 */
@Component(configurationPid = AuditConfig.PID, immediate = true,
        property = EventConstants.EVENT_TOPIC + "=org/apache/karaf/login/*")
@Designate(ocd = AuditConfig.class)
public final class AuditTrailImpl implements AuditTrail, EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger("org.cogos.audit");

    /** Karaf's login event types that are audited; attempts are left out (each ends in one of these). */
    private static final Map<String, AuditOutcome> LOGIN_OUTCOMES = Map.of("success", AuditOutcome.OK,
            "failure", AuditOutcome.REFUSED, "logout", AuditOutcome.OK);

    private final AtomicLong lost = new AtomicLong();
    private AuditFile file;
    private AuditOptions options;

    @Activate
    @Modified
    synchronized void configure(AuditConfig config) throws IOException {
        AuditOptions next = AuditOptions.from(config);
        if (!next.equals(options)) {
            file = new AuditFile(next.directory(), next.rotateBytes(), next.keepFiles());
            options = next;
            LOG.info("Audit trail in {}, continuing after seq {}", next.directory(), file.lastSeq());
        }
    }

    @Override
    public void record(String actor, String action, String target, AuditOutcome outcome, String detail) {
        AuditRecord record;
        synchronized (this) {
            try {
                record = file.append(Instant.now(), actor, action, target, outcome, detail);
            } catch (IOException | RuntimeException e) {
                lost.incrementAndGet();
                LOG.error("Audit record lost ({} {} {} {}): {}", actor, action, target, outcome, e.toString());
                return;
            }
        }
        LOG.info("#{} {} {} {}: {}{}", record.seq(), record.actor(), record.action(), record.target(),
                record.outcome().name().toLowerCase(), record.detail().isEmpty() ? "" : " (" + record.detail() + ")");
    }

    @Override
    public synchronized List<AuditRecord> recent(int max) {
        try {
            return file.recent(max);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit trail in " + options.directory(), e);
        }
    }

    @Override
    public synchronized AuditVerification verify() {
        try {
            return file.verify();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit trail in " + options.directory(), e);
        }
    }

    @Override
    public long lostRecords() {
        return lost.get();
    }

    /** A console or JMX login: success, failure, logout. Attempts are left out: each ends in one of the others. */
    @Override
    public void handleEvent(Event event) {
        String type = String.valueOf(event.getProperty("type"));
        String user = String.valueOf(event.getProperty("username"));
        AuditOutcome outcome = LOGIN_OUTCOMES.get(type);
        if (outcome != null) {
            record(user, type.equals("logout") ? "logout" : "login", "", outcome, "");
        }
    }
}
