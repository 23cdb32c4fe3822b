package org.cogos.robotsim;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class MainArgumentsTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void sendTakesModalityAndReadableFile() throws Exception {
        Path frame = tmp.newFile("frame.jpg").toPath();
        Path speech = tmp.newFile("speech.wav").toPath();
        Files.write(frame, new byte[] {1});

        Main.Arguments parsed = Main.Arguments.parse(new String[] {"--send", "camera=" + frame,
            "--send", "audio=" + speech, "--mode", "idle"});

        assertEquals(List.of(new Main.Send("camera", frame), new Main.Send("audio", speech)), parsed.sends);
    }

    @Test
    public void sendRefusesAMissingFileOrAMissingModality() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Main.Arguments.parse(new String[] {"--send", "camera=/nonexistent/frame.jpg"}));
        assertTrue(missing.getMessage(), missing.getMessage().startsWith("--send: cannot read "));
        for (String bad : List.of("camera", "=frame.jpg", "camera=")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Main.Arguments.parse(new String[] {"--send", bad}));
            assertEquals("--send needs MODALITY=FILE: " + bad, e.getMessage());
        }
    }

    @Test
    public void sayTakesSecondsAndWordsInWorldMode() throws Exception {
        Main.Arguments parsed = Main.Arguments.parse(new String[] {"--mode", "world", "--say", "3:turn left",
            "--say", "4.5:stop: now"});

        assertEquals("world", parsed.mode);
        assertEquals(List.of(new Main.Say(3, "turn left"), new Main.Say(4.5, "stop: now")), parsed.says);
        JsonNode json = new ObjectMapper().readTree(parsed.says.get(0).json(7));
        assertEquals(7, json.get("seq").asLong());
        assertEquals("turn left", json.get("text").asText());
        for (String bad : List.of("turn left", "-1:stop", "x:stop", "3:")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Main.Arguments.parse(new String[] {"--say", bad}));
            assertEquals("--say needs SECONDS:TEXT with SECONDS >= 0: " + bad, e.getMessage());
        }
    }
}
