package org.cogos.runtime.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.cogos.api.admin.EventLevel;
import org.cogos.api.admin.ModuleEvent;
import org.cogos.api.admin.ModuleEventLog;
import org.cogos.api.config.ParamCheck;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A bounded ring of module events, like the kernel's log buffer; every event also goes to the log. */
/* Immediate: the ring must live as long as the bundle, not as long as someone holds the service. */
@Component(configurationPid = "org.cogos.runtime.events", immediate = true)
@Designate(ocd = EventLogConfig.class)
public final class ModuleEventLogImpl implements ModuleEventLog {

    private static final Logger LOG = LoggerFactory.getLogger("org.cogos.dmesg");

    private final ArrayDeque<ModuleEvent> ring = new ArrayDeque<>();
    private int capacity = 2000;

    public ModuleEventLogImpl() {
    }

    ModuleEventLogImpl(int capacity) {
        this.capacity = capacity;
    }

    @Activate
    @Modified
    synchronized void configure(EventLogConfig config) {
        capacity = ParamCheck.within(EventLogConfig.PID, "capacity", config.capacity(), EventLogConfig.CAPACITY_MIN,
                EventLogConfig.CAPACITY_MAX);
        trim();
    }

    @Override
    public void log(String module, EventLevel level, String message) {
        switch (level) {
            case ERROR -> LOG.error("{}: {}", module, message);
            case WARN -> LOG.warn("{}: {}", module, message);
            case INFO -> LOG.info("{}: {}", module, message);
        }
        synchronized (this) {
            ring.addLast(new ModuleEvent(System.currentTimeMillis(), module, level, message));
            trim();
        }
    }

    private void trim() {
        while (ring.size() > capacity) {
            ring.pollFirst();
        }
    }

    @Override
    public synchronized List<ModuleEvent> recent(int max) {
        List<ModuleEvent> all = new ArrayList<>(ring);
        return List.copyOf(all.subList(Math.max(0, all.size() - Math.max(0, max)), all.size()));
    }
}
