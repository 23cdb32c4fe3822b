package org.cogos.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.cogos.api.admin.EventLevel;
import org.cogos.api.admin.ModuleEventLog;
import org.cogos.api.admin.ModuleException;

/**
 * What insmod and modprobe do about a module's signature ({@link ModuleSignatures}), per {@code moduleSignature}.
 * The trusted signers are read again at each check, so a certificate copied into the directory counts at once.
 */
final class ModuleSigning {

    private final ModuleSignatures.Mode mode;
    private final Path signers;
    private final ModuleEventLog events;

    ModuleSigning(ModuleSignatures.Mode mode, Path signers, ModuleEventLog events) {
        this.mode = mode;
        this.signers = signers;
        this.events = events;
    }

    static ModuleSigning from(ModulesConfig config, ModuleEventLog events) {
        String dir = config.signersDirectory().trim();
        Path signers = dir.isEmpty() ? Path.of(System.getProperty("karaf.etc", "etc"), "cogos-module-signers")
                : Path.of(dir);
        return new ModuleSigning(ModuleSignatures.Mode.of(config.moduleSignature()), signers, events);
    }

    ModuleSignatures.Mode mode() {
        return mode;
    }

    /**
     * Checks a module bundle before it is installed: refuses it under {@code enforce}, logs a warning under
     * {@code warn}.
     *
     * @throws ModuleException refused, in one line naming the module, where it came from and why
     */
    void check(String module, String location, Path jar) throws ModuleException {
        if (mode == ModuleSignatures.Mode.OFF) {
            return;
        }
        String problem;
        try {
            ModuleSignatures.load(signers).verify(jar);
            return;
        } catch (ModuleSignatures.Untrusted e) {
            problem = e.getMessage();
        } catch (IOException e) {
            problem = "cannot check its signature: " + e.getMessage();
        }
        if (mode == ModuleSignatures.Mode.ENFORCE) {
            throw new ModuleException("module " + module + " from " + location + " refused: " + problem
                    + " (moduleSignature=enforce)");
        }
        events.log(module, EventLevel.WARN, "loaded from " + location + " although " + problem
                + " (moduleSignature=warn)");
    }

    /** Who signed the bundle at this location, as modinfo shows it; never throws. */
    String describe(String location) {
        Path copy = null;
        try {
            copy = fetch(location);
            return ModuleSignatures.load(signers).verify(copy).toString();
        } catch (ModuleSignatures.Untrusted e) {
            return e.getMessage().equals("not signed") ? "unsigned" : "not trusted: " + e.getMessage();
        } catch (IOException e) {
            return "unknown: " + e.getMessage();
        } finally {
            deleteQuietly(copy);
        }
    }

    /**
     * A private copy of the bundle at a URL: what is checked is then exactly what is installed, even if the file at
     * the location changes in between.
     */
    static Path fetch(String location) throws IOException {
        Path copy = Files.createTempFile("cogos-module-", ".jar");
        try (InputStream in = new URL(location).openStream()) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    static void deleteQuietly(Path copy) {
        if (copy == null) {
            return;
        }
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            // A temporary file left in java.io.tmpdir; nothing depends on it.
        }
    }
}
