package org.cogos.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.cogos.api.Action;

/**
 * What robots send cogos besides percepts, and the outbox journal's action lines, against any bytes (issue 16):
 * an ack or a status decodes to a well-formed value or to nothing; an action line decodes or fails with an
 * IOException, which the journal counts as corrupt. The first byte picks the decoder. Seeds:
 * {@code WireMessagesFuzzTestInputs}. docs/fuzzing.md.
 */
class WireMessagesFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodersNeverFailUnexpectedly(FuzzedDataProvider data) {
        int decoder = data.consumeInt(0, 2);
        byte[] payload = data.consumeRemainingAsBytes();
        switch (decoder) {
            case 0 -> {
                Optional<Json.WireAck> ack = Json.decodeAck(payload);
                ack.ifPresent(a -> assertTrue(a.actionId() != null && a.status() != null, "ack fields"));
            }
            case 1 -> Json.decodeStatus(payload);
            default -> {
                try {
                    Action action = Json.decodeAction(payload);
                    assertNotNull(action.provenance(), "provenance");
                } catch (IOException e) {
                    // refused: the journal counts the line as corrupt and goes on
                }
            }
        }
    }
}
