package org.cogos.mqtt.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.cogos.util.net.NoDelaySslSocketFactory;

/**
 * The TLS sockets of cogos's client for an {@code ssl://} broker: the JDK's TLS (1.2 and 1.3, its default cipher
 * suites) with the configured trust store and, when the broker asks for one, client certificate. Built once per
 * link, so a bad store is reported when the configuration is applied, not at the first connection.
 */
final class TlsSockets {

    private TlsSockets() {
    }

    /** @throws IllegalArgumentException naming the store and why it cannot be used */
    static SSLSocketFactory of(MqttOptions options) {
        try {
            KeyManager[] keys = null;
            if (options.keyStore() != null) {
                KeyStore store = load("keyStore", options.keyStore(), options.keyStorePassword());
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, options.keyStorePassword().toCharArray());
                keys = factory.getKeyManagers();
            }
            TrustManager[] trust = null;
            if (options.trustStore() != null) {
                KeyStore store = load("trustStore", options.trustStore(), options.trustStorePassword());
                TrustManagerFactory factory = TrustManagerFactory.getInstance(
                        TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                trust = factory.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return new NoDelaySslSocketFactory(context.getSocketFactory());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(MqttConfig.PID + ": cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String name, Path file, String password) {
        try {
            // The type (PKCS12 or JKS) is read from the file itself.
            return KeyStore.getInstance(file.toFile(), password.isEmpty() ? null : password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(MqttConfig.PID + "." + name + " = " + file + " cannot be read (wrong "
                    + "password, or not a PKCS12 or JKS store): " + e.getMessage(), e);
        }
    }
}
