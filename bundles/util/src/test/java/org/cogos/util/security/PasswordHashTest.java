package org.cogos.util.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class PasswordHashTest {

    @Test
    public void verifiesTheRightPasswordOnly() {
        String stored = PasswordHash.hash("correct horse");
        assertTrue(PasswordHash.isWellFormed(stored));
        assertTrue(PasswordHash.verify("correct horse", stored));
        assertFalse(PasswordHash.verify("correct hors", stored));
        assertFalse(PasswordHash.verify("", stored));
        assertFalse(PasswordHash.verify("correct horse ", stored));
    }

    @Test
    public void saltsEveryHash() {
        assertNotEquals(PasswordHash.hash("same"), PasswordHash.hash("same"));
    }

    @Test
    public void generatedPasswordsAreLongRandomAndNeedNoQuoting() {
        String a = PasswordHash.generate();
        assertEquals(24, a.length());
        assertTrue(a, a.matches("[A-Za-z0-9_-]{24}"));
        assertNotEquals(a, PasswordHash.generate());
    }

    /** A corrupt or foreign entry refuses the login; it never throws into the broker. */
    @Test
    public void aCorruptStoredFormRefusesWithoutThrowing() {
        String good = PasswordHash.hash("pw");
        for (String bad : new String[] { "", "pw", "$pbkdf2-sha256$", "$pbkdf2-sha256$x$AAAA$AAAA",
            "$pbkdf2-sha256$0$AAAA$" + good.split("\\$")[4], "$pbkdf2-sha256$99999999999$AAAA$AAAA",
            "$pbkdf2-sha256$4096$!!!!$AAAA", "$bcrypt$4096$AAAA$AAAA", good.substring(0, good.length() - 4),
            good + "$extra" }) {
            assertFalse(bad, PasswordHash.verify("pw", bad));
            assertFalse(bad, PasswordHash.isWellFormed(bad) && PasswordHash.verify("pw", bad));
        }
    }

    @Test
    public void keepsTheIterationCountItWasMadeWith() {
        String stored = PasswordHash.hash("pw");
        assertEquals(String.valueOf(PasswordHash.ITERATIONS), stored.split("\\$")[2]);
    }
}
