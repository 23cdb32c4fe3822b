package org.cogos.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates for TLS tests, made with openssl the way docs/security.md tells a site to: a CA, a broker
 * certificate it signed that names 127.0.0.1 (and no host name), and a second CA that signed nothing here, for
 * clients that must be refused. EC P-256 keys, valid two days.
 */
public final class TestCertificates {

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    public static TestCertificates make(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestCertificates made = new TestCertificates(dir);
        made.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=cogos test CA");
        made.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "rogue.key", "-out", "rogue.crt", "-days", "2", "-subj", "/CN=someone else's CA");
        made.openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "broker.key", "-out", "broker.csr", "-subj", "/CN=cogos broker");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        made.openssl("x509", "-req", "-in", "broker.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "broker.crt", "-days", "2", "-extfile", "san.ext");
        return made;
    }

    public Path ca() {
        return dir.resolve("ca.crt");
    }

    /** A CA the broker's certificate does not chain to. */
    public Path rogueCa() {
        return dir.resolve("rogue.crt");
    }

    public Path brokerCertificate() {
        return dir.resolve("broker.crt");
    }

    public Path brokerKey() {
        return dir.resolve("broker.key");
    }

    /**
     * A robot's client certificate with CN = its id, signed by the given CA key pair ({@code "ca"}, or
     * {@code "rogue"} for one the broker does not trust), in a PKCS12 key store for a test client.
     */
    public Path robotKeyStore(String robotId, String ca, String password) throws IOException, InterruptedException {
        String name = "robot-" + robotId + "-" + ca;
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + robotId + "/O=cogos test robots");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-CAcreateserial",
                "-out", name + ".crt", "-days", "2");
        openssl("pkcs12", "-export", "-inkey", name + ".key", "-in", name + ".crt", "-name", robotId,
                "-out", name + ".p12", "-passout", "pass:" + password);
        return dir.resolve(name + ".p12");
    }

    /** A TLS context trusting one CA certificate and showing the client certificate of a PKCS12 key store. */
    public SSLContext sslContext(Path caCertificate, Path keyStore, String password) throws IOException {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                keys.load(in, password.toCharArray());
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust(caCertificate));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make a TLS context with " + keyStore, e);
        }
    }

    /** A PKCS12 trust store holding one CA certificate, as a site gives cogos its CA. */
    public Path trustStore(Path caCertificate, String name, String password) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            trust(caCertificate).store(out, password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write " + file, e);
        }
        return file;
    }

    /** A TLS context trusting one CA certificate, for test clients. */
    public SSLContext sslContext(Path caCertificate) throws IOException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust(caCertificate));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make a TLS context trusting " + caCertificate, e);
        }
    }

    private static KeyStore trust(Path caCertificate) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caCertificate)) {
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        return store;
    }

    private void openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
