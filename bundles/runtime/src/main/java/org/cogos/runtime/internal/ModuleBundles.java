package org.cogos.runtime.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Finding module bundles by the manifest headers that make a bundle a cogos module. */
final class ModuleBundles {

    /** The module name; its presence makes a bundle a cogos module. */
    static final String HEADER_MODULE = "Cogos-Module";
    /** Comma-separated names of modules this one needs. */
    static final String HEADER_DEPENDS = "Cogos-Depends";

    private ModuleBundles() {
    }

    static String moduleName(Bundle bundle) {
        String name = bundle.getHeaders("").get(HEADER_MODULE);
        return name == null ? null : name.trim();
    }

    /** The module name a bundle jar declares, read before it is installed; null when it declares none. */
    static String moduleName(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest manifest = file.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue(HEADER_MODULE);
            return name == null || name.isBlank() ? null : name.trim();
        }
    }

    static List<Bundle> all(BundleContext context) {
        List<Bundle> modules = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (moduleName(bundle) != null && bundle.getState() != Bundle.UNINSTALLED) {
                modules.add(bundle);
            }
        }
        return modules;
    }

    static Optional<Bundle> find(BundleContext context, String name) {
        return all(context).stream().filter(b -> name.equals(moduleName(b))).findFirst();
    }

    static List<String> depends(Bundle bundle) {
        String header = bundle.getHeaders("").get(HEADER_DEPENDS);
        if (header == null || header.isBlank()) {
            return List.of();
        }
        return Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
