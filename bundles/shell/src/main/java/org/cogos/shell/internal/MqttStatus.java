package org.cogos.shell.internal;

import java.io.PrintStream;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.cogos.api.admin.BrokerStatus;
import org.cogos.api.admin.MqttStatistics;

@Command(scope = "cog", name = "mqtt",
        description = "Shows the MQTT link (broker URI, its connections, counters) and the embedded broker's state.")
@Service
public class MqttStatus extends CogAction {

    @Option(name = "--no-format", description = "Tab-separated rows without header, for scripts")
    boolean noFormat;

    /** Optional: the link lives in cogos-mqtt, and the cog:* commands of this bundle must not wait for it. */
    @Reference(optional = true)
    MqttStatistics link;

    /** Optional: the embedded broker is off, or not installed, wherever an external broker is used. */
    @Reference(optional = true)
    BrokerStatus broker;

    @Override
    protected void run(PrintStream out) throws CommandException {
        if (link == null && broker == null) {
            throw new CommandException("neither the MQTT link nor the embedded broker is loaded"
                    + " (cog:modprobe mqtt, cog:modprobe broker)");
        }
        table(link, broker).print(out, !noFormat);
    }

    /** One row per fact, like kmod:status, so a script can pick a row by its first cell. */
    static ShellTable table(MqttStatistics link, BrokerStatus broker) {
        ShellTable table = new ShellTable();
        table.column("Property");
        table.column("Value");
        if (link == null) {
            table.addRow().addContent("link", "not loaded");
        } else {
            table.addRow().addContent("link", (link.isConnected() ? "connected to " : "not connected to ")
                    + link.serverUri());
            for (Map.Entry<String, Boolean> connection : link.connections().entrySet()) {
                table.addRow().addContent("connection " + connection.getKey(),
                        connection.getValue() ? "connected" : "not connected");
            }
            for (Map.Entry<String, Long> counter : link.counters().entrySet()) {
                table.addRow().addContent(counter.getKey(), counter.getValue());
            }
        }
        if (broker == null) {
            table.addRow().addContent("broker", "not loaded");
        } else {
            table.addRow().addContent("broker", broker.state());
            table.addRow().addContent("broker.clients", broker.connectedClients());
            table.addRow().addContent("broker.sessions", broker.sessions());
            table.addRow().addContent("broker.received", broker.messagesReceived());
            table.addRow().addContent("broker.sent", broker.messagesSent());
            table.addRow().addContent("broker.dropped", broker.messagesDropped());
            table.addRow().addContent("broker.protocol_errors", broker.protocolErrors());
            table.addRow().addContent("broker.refused_logins", broker.refusedLogins());
            table.addRow().addContent("broker.refused_operations", broker.refusedOperations());
        }
        return table;
    }
}
