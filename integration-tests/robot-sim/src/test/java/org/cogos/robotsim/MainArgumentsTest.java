package org.cogos.robotsim;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
}
