package org.cogos.mqtt.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.cogos.api.Action;
import org.cogos.api.Provenance;
import org.cogos.api.Provenance.FactUse;
import org.cogos.api.Provenance.RuleUse;
import org.junit.Test;

public class JsonTest {

    private static final Provenance PROVENANCE = new Provenance("rabab",
            List.of(new RuleUse("assist", 3, 0.8, 7, 1), new RuleUse("person_in_reach", 1, 0.5, 0, 0)),
            List.of(new FactUse("e", "lidar", "sensor", 40, 812, "person", 0.93, "person at 3.02 m (measured)"),
                    new FactUse("support", "camera", "vision", 38, -1, "person", 0.61, "person at 2.70 m")));

    @Test
    public void actionWithItsProvenanceSurvivesTheJournal() throws Exception {
        Action action = new Action("a1", "r1", "approach", Map.of("distance_m", 3.02), 1000, "rabab assist", 9, 812,
                PROVENANCE);
        assertEquals(action, Json.decodeAction(Json.encodeAction(action)));
    }

    @Test
    public void provenanceIsPublishedForRobotsToRead() throws Exception {
        Action action = new Action("a1", "r1", "approach", Map.of(), 1000, "rabab assist", 9, 812, PROVENANCE);
        JsonNode provenance = Json.MAPPER.readTree(Json.encodeAction(action)).get("provenance");
        assertEquals("rabab", provenance.get("engine").asText());
        assertEquals("assist", provenance.get("rules").get(0).get("rule").asText());
        assertEquals(0.8, provenance.get("rules").get(0).get("reliability").asDouble(), 0);
        assertEquals("vision", provenance.get("facts").get(1).get("module").asText());
        assertEquals(812, provenance.get("facts").get(0).get("source_seq").asLong());
    }

    @Test
    public void recordWithoutProvenanceIsNotAnAction() {
        String noProvenance = "{\"action_id\":\"a1\",\"robot\":\"r1\",\"type\":\"stop\",\"params\":{},"
                + "\"created\":5,\"reason\":\"rules R1 stop: obstacle at 0.31 m\",\"scene_seq\":2,\"source_seq\":3}";
        IOException refused = assertThrows(IOException.class,
                () -> Json.decodeAction(noProvenance.getBytes(StandardCharsets.UTF_8)));
        assertEquals("invalid action: no provenance", refused.getMessage());
    }
}
