package org.cogos.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Module signing, the Karaf mirror of the kernel's (CONFIG_MODULE_SIG): a module bundle is a signed jar
 * (jarsigner), and is trusted when every entry is signed by one signer whose certificate chain holds a certificate
 * from the trusted signers directory ({@code etc/cogos-module-signers/*.pem}, as the kernel's keyring holds the
 * keys it trusts). The JDK's own jar verification does the cryptography: an entry changed after signing fails its
 * digest when read; one added after signing has no signer.
 */
final class ModuleSignatures {

    /** What insmod and modprobe do with a module that is unsigned, tampered or signed by an unknown key. */
    enum Mode {
        /** No check. */
        OFF,
        /** Load it, with a warning in the module event log (cog:dmesg). */
        WARN,
        /** Refuse it. */
        ENFORCE;

        static Mode of(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("moduleSignature must be off, warn or enforce, not '" + text + "'",
                        e);
            }
        }
    }

    /** A module's signer as {@code modinfo} shows it: its certificate's subject and SHA-256 fingerprint. */
    record Signer(String subject, String fingerprint) {
        @Override
        public String toString() {
            return subject + " (SHA-256 " + fingerprint + ")";
        }
    }

    /** Why a module is not trusted, in one line. */
    static final class Untrusted extends Exception {
        private static final long serialVersionUID = 1L;

        Untrusted(String reason) {
            super(reason);
        }
    }

    private final List<X509Certificate> trusted;
    private final Path directory;

    private ModuleSignatures(Path directory, List<X509Certificate> trusted) {
        this.directory = directory;
        this.trusted = List.copyOf(trusted);
    }

    /** Reads every {@code *.pem} in the directory; none (or no directory) trusts nobody. */
    static ModuleSignatures load(Path directory) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> pems = Files.newDirectoryStream(directory, "*.pem")) {
                for (Path pem : pems) {
                    try (InputStream in = Files.newInputStream(pem)) {
                        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                            certificates.add((X509Certificate) c);
                        }
                    } catch (CertificateException e) {
                        throw new IOException(pem + " is not a PEM certificate: " + e.getMessage(), e);
                    }
                }
            }
        }
        return new ModuleSignatures(directory, certificates);
    }

    Path directory() {
        return directory;
    }

    int trustedCount() {
        return trusted.size();
    }

    /**
     * Verifies the jar's signature.
     *
     * @return its signer, trusted
     * @throws Untrusted unsigned, partly signed, changed after signing, or signed by a key not trusted here
     */
    Signer verify(Path jar) throws Untrusted, IOException {
        CodeSigner signer = signerOf(jar);
        List<? extends Certificate> chain = signer.getSignerCertPath().getCertificates();
        for (Certificate c : chain) {
            if (trusted.contains(c)) {
                return describe((X509Certificate) chain.get(0));
            }
        }
        throw new Untrusted("signed by " + describe((X509Certificate) chain.get(0)) + ", which is not trusted (no "
                + "certificate of its chain in " + directory + ")");
    }

    /** The signer of every entry, checked (digests and signature) but not against the trusted signers. */
    static CodeSigner signerOf(Path jar) throws Untrusted, IOException {
        CodeSigner only = null;
        String unsigned = null;
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            byte[] buffer = new byte[8192];
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                // Reading an entry to its end is what makes the JDK check its digest against the signed manifest.
                try (InputStream in = file.getInputStream(entry)) {
                    while (in.read(buffer) >= 0) {
                        continue;
                    }
                }
                if (entry.isDirectory() || isSignatureFile(entry.getName())) {
                    continue;
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    unsigned = unsigned == null ? entry.getName() : unsigned;
                } else if (only == null) {
                    only = signers[0];
                } else if (Arrays.stream(signers).noneMatch(only::equals)) {
                    throw new Untrusted("entry " + entry.getName() + " has another signer than the rest");
                }
            }
        } catch (SecurityException e) {
            throw new Untrusted("changed after signing: " + e.getMessage());
        }
        if (only == null) {
            throw new Untrusted("not signed");
        }
        if (unsigned != null) {
            throw new Untrusted("entry " + unsigned + " is not signed (added after signing?)");
        }
        return only;
    }

    /** The manifest and the signature block files, which a signature does not cover. */
    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return upper.equals("META-INF/MANIFEST.MF") || upper.endsWith(".SF") || upper.endsWith(".RSA")
                || upper.endsWith(".DSA") || upper.endsWith(".EC") || upper.startsWith("META-INF/SIG-");
    }

    static Signer describe(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return new Signer(certificate.getSubjectX500Principal().getName(),
                    HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest, 0, 8) + "...");
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }
}
