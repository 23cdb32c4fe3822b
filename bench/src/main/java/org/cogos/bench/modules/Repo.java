package org.cogos.bench.modules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The modules' committed fixtures, read from the source tree ({@code -Dbench.repo}, default the working directory). */
final class Repo {

    private final Path root;

    Repo(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path path(String inRepo) {
        Path p = root.resolve(inRepo);
        if (!Files.exists(p)) {
            throw new IllegalStateException("fixture " + p + " is missing: run from the repository root or set"
                    + " -Dbench.repo");
        }
        return p;
    }

    byte[] bytes(String inRepo) throws IOException {
        return Files.readAllBytes(path(inRepo));
    }

    /** The rows of a tab-separated fixture table, without comment lines ({@code #}) and blank lines. */
    List<String[]> tsv(String inRepo) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(path(inRepo), StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(line.split("\t"));
            }
        }
        return rows;
    }
}
