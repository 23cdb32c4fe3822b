package org.cogos.runtime.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import jdk.security.jarsigner.JarSigner;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Module signature checks on real signed jars: keys made by the JDK's keytool, jars signed by the JDK's JarSigner
 * (what jarsigner and the build's maven-jarsigner-plugin use).
 */
public class ModuleSignaturesTest {

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    private static Path trustedDir;
    private static KeyStore.PrivateKeyEntry site;
    private static KeyStore.PrivateKeyEntry stranger;

    @BeforeClass
    public static void keys() throws Exception {
        Path dir = TMP.getRoot().toPath();
        site = keyPair(dir.resolve("site.p12"), "CN=site modules,O=cogos test");
        stranger = keyPair(dir.resolve("stranger.p12"), "CN=stranger");
        trustedDir = Files.createDirectories(dir.resolve("signers"));
        X509Certificate cert = (X509Certificate) site.getCertificate();
        Files.writeString(trustedDir.resolve("site.pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
    }

    private static KeyStore.PrivateKeyEntry keyPair(Path store, String dname) throws Exception {
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "k", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname, "-validity", "2")
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(out, keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        return (KeyStore.PrivateKeyEntry) ks.getEntry("k", new KeyStore.PasswordProtection("changeit".toCharArray()));
    }

    private static Path jar(String name, Map<String, String> entries) throws IOException {
        Path jar = TMP.getRoot().toPath().resolve(name);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Cogos-Module", "demo");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Path sign(Path unsigned, KeyStore.PrivateKeyEntry key) throws Exception {
        Path signed = unsigned.resolveSibling("signed-" + unsigned.getFileName());
        JarSigner signer = new JarSigner.Builder((PrivateKey) key.getPrivateKey(),
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(key.getCertificateChain()))).build();
        try (ZipFile in = new ZipFile(unsigned.toFile()); OutputStream out = Files.newOutputStream(signed)) {
            signer.sign(in, out);
        }
        return signed;
    }

    /** A copy of the jar with one entry's bytes replaced, or one entry added (everything else as it was). */
    private static Path rewrite(Path jar, String entry, String content) throws IOException {
        Path changed = jar.resolveSibling("changed-" + jar.getFileName());
        boolean replaced = false;
        try (ZipFile in = new ZipFile(jar.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(changed))) {
            for (Enumeration<? extends ZipEntry> all = in.entries(); all.hasMoreElements();) {
                ZipEntry e = all.nextElement();
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals(entry)) {
                    out.write(content.getBytes(StandardCharsets.UTF_8));
                    replaced = true;
                } else {
                    try (InputStream data = in.getInputStream(e)) {
                        data.transferTo(out);
                    }
                }
                out.closeEntry();
            }
            if (!replaced) {
                out.putNextEntry(new ZipEntry(entry));
                out.write(content.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return changed;
    }

    private static String refusal(Path jar) throws IOException {
        try {
            ModuleSignatures.load(trustedDir).verify(jar);
            fail("trusted: " + jar);
            return null;
        } catch (ModuleSignatures.Untrusted e) {
            return e.getMessage();
        }
    }

    @Test
    public void aJarSignedByATrustedKeyNamesItsSigner() throws Exception {
        Path signed = sign(jar("good.jar", Map.of("org/demo/A.class", "code", "model.bin", "weights")), site);
        ModuleSignatures.Signer signer = ModuleSignatures.load(trustedDir).verify(signed);
        assertEquals("CN=site modules,O=cogos test", signer.subject());
        assertTrue(signer.fingerprint(), signer.fingerprint().matches("([0-9A-F]{2}:){7}[0-9A-F]{2}\\.\\.\\."));
    }

    @Test
    public void anUnsignedJarIsRefused() throws Exception {
        assertEquals("not signed", refusal(jar("plain.jar", Map.of("org/demo/A.class", "code"))));
    }

    @Test
    public void anEntryChangedAfterSigningIsRefused() throws Exception {
        Path signed = sign(jar("t.jar", Map.of("org/demo/A.class", "code", "org/demo/B.class", "more")), site);
        String why = refusal(rewrite(signed, "org/demo/B.class", "evil"));
        assertTrue(why, why.startsWith("changed after signing: ") && why.contains("org/demo/B.class"));
    }

    @Test
    public void anEntryAddedAfterSigningIsRefused() throws Exception {
        Path signed = sign(jar("a.jar", Map.of("org/demo/A.class", "code")), site);
        assertEquals("entry org/demo/Evil.class is not signed (added after signing?)",
                refusal(rewrite(signed, "org/demo/Evil.class", "evil")));
    }

    @Test
    public void aJarSignedByAnUntrustedKeyIsRefusedNamingTheKey() throws Exception {
        String why = refusal(sign(jar("s.jar", Map.of("org/demo/A.class", "code")), stranger));
        assertTrue(why, why.startsWith("signed by CN=stranger (SHA-256 ") && why.contains("which is not trusted"));
    }

    @Test
    public void withoutTrustedSignersNothingIsTrusted() throws Exception {
        Path signed = sign(jar("n.jar", Map.of("org/demo/A.class", "code")), site);
        ModuleSignatures none = ModuleSignatures.load(TMP.getRoot().toPath().resolve("no-such-dir"));
        assertEquals(0, none.trustedCount());
        try {
            none.verify(signed);
            fail("trusted without signers");
        } catch (ModuleSignatures.Untrusted e) {
            assertTrue(e.getMessage(), e.getMessage().contains("which is not trusted"));
        }
    }
}
