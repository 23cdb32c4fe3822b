package org.cogos.broker.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cogos.api.Names;
import org.cogos.util.io.AtomicFile;
import org.cogos.util.security.PasswordHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robots' accounts on the embedded broker: one line {@code robot:$pbkdf2-sha256$...} per robot, the form of
 * Mosquitto's password file, so a site reads it the same way. The file is only ever replaced whole
 * ({@link AtomicFile}), owner-only (0600). A line that cannot be read is skipped with a warning naming it; the other
 * robots still connect.
 *
 * <p>Reads are lock-free (a robot connecting never waits for {@code robot:add}); changes are serialised.
 */
final class AccountFile {
    private static final Logger LOG = LoggerFactory.getLogger(AccountFile.class);

    private final Path file;
    private volatile Map<String, String> hashes;

    private AccountFile(Path file, Map<String, String> hashes) {
        this.file = file;
        this.hashes = hashes;
    }

    /** Reads the file; a missing file is no account at all. */
    static AccountFile load(Path file) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String robot = colon < 0 ? "" : line.substring(0, colon);
                String hash = colon < 0 ? "" : line.substring(colon + 1);
                if (!Names.isValid(robot) || !PasswordHash.isWellFormed(hash)) {
                    LOG.warn("{} line {} skipped: not 'robot:<hash made by robot:add>'", file, i + 1);
                    continue;
                }
                hashes.put(robot, hash);
            }
        }
        return new AccountFile(file, hashes);
    }

    boolean verify(String robot, String password) {
        String hash = hashes.get(robot);
        return hash != null && PasswordHash.verify(password, hash);
    }

    List<String> robots() {
        return new ArrayList<>(hashes.keySet());
    }

    synchronized String add(String robot) {
        if (!Names.isValid(robot)) {
            throw new IllegalArgumentException("'" + robot + "' is not a valid robot id: 1 to 64 letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit");
        }
        if (hashes.containsKey(robot)) {
            throw new IllegalArgumentException("robot " + robot + " has an account already; robot:passwd "
                    + robot + " gives it a new password");
        }
        return setPassword(robot);
    }

    synchronized String reset(String robot) {
        if (!hashes.containsKey(robot)) {
            throw new IllegalArgumentException("robot " + robot + " has no account; robot:add " + robot
                    + " makes one");
        }
        return setPassword(robot);
    }

    synchronized boolean remove(String robot) {
        if (!hashes.containsKey(robot)) {
            return false;
        }
        Map<String, String> next = new TreeMap<>(hashes);
        next.remove(robot);
        write(next);
        return true;
    }

    private String setPassword(String robot) {
        String password = PasswordHash.generate();
        Map<String, String> next = new TreeMap<>(hashes);
        next.put(robot, PasswordHash.hash(password));
        write(next);
        return password;
    }

    /** Replaces the file, then the accounts in memory: a failed write changes neither. */
    private void write(Map<String, String> next) {
        StringBuilder text = new StringBuilder("# cogos robot accounts: managed by robot:add, robot:passwd, "
                + "robot:remove. Passwords are stored only as salted hashes.\n");
        next.forEach((robot, hash) -> text.append(robot).append(':').append(hash).append('\n'));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFile.writeOwnerOnly(file, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        hashes = next;
    }
}
