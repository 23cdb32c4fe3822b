package ${package}.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;

import org.cogos.api.PerceptException;
import org.junit.Test;

/** The payload of docs/${modality}.md: its example, and each refusal with its code and message. */
public class PerceptParserTest {

    private static Reading parse(String json) throws PerceptException {
        return PerceptParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(String json, String code, String message) {
        PerceptException e = assertThrows(json, PerceptException.class, () -> parse(json));
        assertEquals(json + ": " + e.getMessage(), code, e.code());
        assertTrue(json + ": '" + e.getMessage() + "' should contain '" + message + "'",
                e.getMessage().contains(message));
    }

    @Test
    public void theDocumentedExample() throws Exception {
        assertEquals(new Reading(7, 1732464000123L, 0.42),
                parse("{\"seq\":7,\"stamp\":1732464000123,\"range_m\":0.42}"));
    }

    @Test
    public void seqAndStampAreOptionalAndUnknownFieldsAreSkipped() throws Exception {
        assertEquals(new Reading(-1, -1, 2.0),
                parse("{\"range_m\":2,\"frame_id\":\"sonar_front\",\"extra\":{\"a\":[1]}}"));
    }

    @Test
    public void malformedPayloadsAreRefusedNamingWhatIsWrong() {
        assertRefused("not json", PerceptException.MALFORMED, "invalid JSON at byte");
        assertRefused("[0.4]", PerceptException.MALFORMED, "must be a JSON object, got an array");
        assertRefused("{\"seq\":1}", PerceptException.MALFORMED, "missing field: range_m");
        assertRefused("{\"range_m\":\"near\"}", PerceptException.MALFORMED, "range_m must be a number, got a string");
        assertRefused("{\"range_m\":1,\"range_m\":2}", PerceptException.MALFORMED, "duplicate field 'range_m'");
        assertRefused("{\"seq\":1.5,\"range_m\":1}", PerceptException.MALFORMED,
                "seq must be an integer, got a number");
        assertRefused("{\"range_m\":NaN}", PerceptException.MALFORMED, "invalid JSON");
        assertRefused("{\"range_m\":1} {}", PerceptException.MALFORMED, "unexpected content after");
        assertRefused("{\"range_m\":1", PerceptException.MALFORMED, "invalid JSON");
    }

    @Test
    public void valuesOutsideTheirRangeAreRefused() {
        assertRefused("{\"range_m\":-0.1}", PerceptException.OUT_OF_RANGE,
                "range_m must be a distance in metres >= 0, got -0.1");
        assertRefused("{\"range_m\":1e400}", PerceptException.OUT_OF_RANGE,
                "range_m must be a distance in metres >= 0");
        assertRefused("{\"seq\":-1,\"range_m\":1}", PerceptException.OUT_OF_RANGE, "seq must be >= 0, got -1");
        assertRefused("{\"stamp\":99999999999999999999,\"range_m\":1}", PerceptException.OUT_OF_RANGE,
                "beyond a 64-bit integer");
    }
}
