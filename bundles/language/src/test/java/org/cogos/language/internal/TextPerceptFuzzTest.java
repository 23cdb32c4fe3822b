package org.cogos.language.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.cogos.api.PerceptException;

/**
 * The text percept decoder against any bytes (issue 16): a percept with non-blank text within the limit, or a
 * refusal with one of its two codes; nothing else. Seeds: {@code TextPerceptFuzzTestInputs}. docs/fuzzing.md.
 */
class TextPerceptFuzzTest {

    private static final int MAX_TEXT = 1000;
    private static final Set<String> CODES = Set.of(PerceptException.MALFORMED, PerceptException.OUT_OF_RANGE);

    @FuzzTest(maxDuration = "30s")
    void parseNeverFailsUnexpectedly(byte[] payload) {
        TextPercept percept;
        try {
            percept = TextPerceptParser.parse(payload, MAX_TEXT);
        } catch (PerceptException e) {
            assertTrue(CODES.contains(e.code()), e.code());
            return;
        }
        assertTrue(!percept.text().isBlank() && percept.text().length() <= MAX_TEXT, "text");
    }
}
