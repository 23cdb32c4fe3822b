package org.cogos.harness;

import java.io.IOException;
import java.time.Duration;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * One console command over Karaf's SSH port from this JVM, as {@code ssh -p PORT karaf@127.0.0.1 COMMAND} would.
 * For watching a start: {@code bin/client} is a JVM of its own, and starting one every few seconds on the cores
 * cogos is starting on slowed the start it watched. Tests of what an operator sees use {@code bin/client}.
 */
final class ConsoleProbe {

    private static final Duration STEP = Duration.ofSeconds(10);

    private ConsoleProbe() {
    }

    /** @return what the command printed; "" when the console does not answer yet */
    static String run(int sshPort, String command, long deadlineMillis) throws IOException {
        Duration step = Duration.ofMillis(Math.max(1, Math.min(STEP.toMillis(),
                deadlineMillis - System.currentTimeMillis())));
        try (SshClient client = SshClient.setUpDefaultClient()) {
            // Loopback, to an instance this JVM unpacked: there is no other host key to tell it from.
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.start();
            try (ClientSession session = client.connect("karaf", "127.0.0.1", sshPort).verify(step).getSession()) {
                session.addPasswordIdentity("karaf");
                session.auth().verify(step);
                return session.executeRemoteCommand(command);
            }
        } catch (IOException e) {
            if (System.currentTimeMillis() >= deadlineMillis) {
                throw e;
            }
            return "";
        }
    }
}
