package org.cogos.api.admin;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The account of cogos's own MQTT client on the embedded broker. The broker makes its password when it starts and
 * hands it over in the JVM only: it is never written to a file, and a robot cannot have that user name.
 */
@ProviderType
public interface EmbeddedBrokerLogin {

    /** A user name and password. */
    record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=(hidden)]";
        }
    }

    /**
     * The service account for a client connecting to {@code uri}; empty unless the embedded broker is the one
     * listening there, so the password never goes to another broker.
     */
    Optional<Credentials> credentialsFor(String uri);
}
