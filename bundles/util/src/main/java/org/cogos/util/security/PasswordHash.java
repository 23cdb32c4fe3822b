package org.cogos.util.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted PBKDF2-HMAC-SHA256 password hashes, from the JDK, as one string:
 * {@code $pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>}. The iteration count travels with each hash, so
 * it can be raised later without invalidating what is stored.
 *
 * <p>Why {@value #ITERATIONS} iterations and not the hundreds of thousands a password typed by a person needs: the
 * passwords this stores are generated ({@link #generate()}: 144 random bits), which no work factor makes any
 * harder to guess, and a broker checks one at every robot connection on the thread that also forwards stop
 * commands. Mosquitto's own password file uses 101 iterations of PBKDF2-SHA512 for the same reason.
 */
public final class PasswordHash {

    /** About 2 ms per check on a 2-core robot computer. */
    public static final int ITERATIONS = 4096;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final int GENERATED_BYTES = 18;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    /** A new random password: 144 bits, 24 characters of URL-safe base64 (no quoting needed anywhere). */
    public static String generate() {
        byte[] bytes = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of {@code password}, with a fresh salt. */
    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return format(ITERATIONS, salt, derive(password, salt, ITERATIONS));
    }

    /** A stored form taken apart: the parameters and the hash it was made with. */
    private record Stored(int iterations, byte[] salt, byte[] hash) {
    }

    /**
     * Whether {@code password} is the one {@code stored} was made from; false for a stored form that is not one of
     * this class's (never an exception: a corrupt entry refuses, it does not crash the caller). Compares in
     * constant time.
     */
    public static boolean verify(String password, String stored) {
        Stored parsed = parse(stored);
        return parsed != null
                && MessageDigest.isEqual(parsed.hash(), derive(password, parsed.salt(), parsed.iterations()));
    }

    /** Whether {@code stored} has this class's form (for checking a file as it is read). */
    public static boolean isWellFormed(String stored) {
        return parse(stored) != null;
    }

    /** @return the parts of a stored form, or null when it is not one {@link #verify} could check */
    private static Stored parse(String stored) {
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 5 || !parts[0].isEmpty() || !SCHEME.equals(parts[1])) {
            return null;
        }
        try {
            int iterations = Integer.parseInt(parts[2]);
            byte[] salt = Base64.getDecoder().decode(parts[3]);
            byte[] hash = Base64.getDecoder().decode(parts[4]);
            if (iterations < 1 || iterations > 10_000_000 || salt.length == 0 || hash.length != HASH_BITS / 8) {
                return null;
            }
            return new Stored(iterations, salt, hash);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String format(int iterations, byte[] salt, byte[] hash) {
        Base64.Encoder base64 = Base64.getEncoder();
        return "$" + SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime has PBKDF2WithHmacSHA256 (required since Java 8).
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }
}
