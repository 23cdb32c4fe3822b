package org.cogos.harness;

import java.io.IOException;
import java.time.Duration;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;

/**
 * One console command over Karaf's SSH port from this JVM, as {@code ssh -p PORT karaf@127.0.0.1 COMMAND} would.
 * For watching a start and for set-up steps: {@code bin/client} is a JVM of its own, and starting one every few
 * seconds on the cores cogos is starting on slowed the start it watched. Tests of what an operator sees use
 * {@code bin/client}.
 */
final class ConsoleProbe {

    private static final Duration STEP = Duration.ofSeconds(10);

    private ConsoleProbe() {
    }

    /** @return what the command printed; "" while the console does not answer (until the deadline) */
    static String run(int sshPort, String command, long deadlineMillis) throws IOException {
        try {
            return execute(sshPort, command);
        } catch (IOException e) {
            if (System.currentTimeMillis() >= deadlineMillis) {
                throw e;
            }
            return "";
        }
    }

    /**
     * @return what the command printed
     * @throws IOException when the console cannot be reached or the command failed (its message)
     */
    static String execute(int sshPort, String command) throws IOException {
        try (SshClient client = SshClient.setUpDefaultClient()) {
            // Loopback, to an instance this JVM unpacked: there is no other host key to tell it from. (sshd's
            // AcceptAllServerKeyVerifier says so in a warning at every connection.)
            client.setServerKeyVerifier((session, address, key) -> true);
            client.start();
            try (ClientSession session = client.connect(CogosInstance.ADMIN, "127.0.0.1", sshPort).verify(STEP)
                    .getSession()) {
                session.addPasswordIdentity(CogosInstance.ADMIN_PASSWORD);
                session.auth().verify(STEP);
                return session.executeRemoteCommand(command);
            }
        }
    }
}
