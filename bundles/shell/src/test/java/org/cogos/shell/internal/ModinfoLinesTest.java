package org.cogos.shell.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.cogos.api.admin.ModuleParam;
import org.junit.Test;

public class ModinfoLinesTest {

    @Test
    public void valuesAreAlignedAfterTheLongestKeyInModinfoOrder() {
        List<String> lines = ModinfoLines.render(ModinfoLines.fields(Modules.COORDINATOR));
        assertEquals(List.of(
                "name:        coordinator",
                "version:     0.1.0.SNAPSHOT",
                "description: Fuses observations into one scene per robot and asks the decision engine what to do.",
                "author:      cogos",
                "license:     Apache-2.0",
                "depends:     rules,sensor",
                "bundle:      0",
                "location:    mvn:org.cogos/cogos-coordinator/0.1.0-SNAPSHOT",
                "signer:      " + Modules.SIGNER,
                "pid:         org.cogos.coordinator",
                "parm:        sceneWindowMillis:How long observations stay in a scene (Long)"), lines);
    }

    @Test
    public void emptyValuesLeaveTheBareKeyAndNoPidWithoutParameters() {
        List<String> lines = ModinfoLines.render(ModinfoLines.fields(Modules.RULES));
        assertEquals("depends:", lines.get(5));
        assertEquals(9, lines.size());
    }

    @Test
    public void parmShowsTypeDefaultAndValueInForce() {
        assertEquals("maxRange:Farthest return kept, in metres (Double, default 8.0, now 12.0)",
                ModinfoLines.parm(new ModuleParam("maxRange", "Double", "8.0", "Farthest return kept, in metres",
                        "12.0")));
        assertEquals("mode:Fusion mode (String, now fast)",
                ModinfoLines.parm(new ModuleParam("mode", "String", "", "Fusion mode", "fast")));
    }

    @Test
    public void oneFieldGivesItsBareValues() {
        List<ModinfoLines.Field> fields = ModinfoLines.fields(Modules.SENSOR);
        assertEquals(List.of("0.1.0.SNAPSHOT"), ModinfoLines.values(fields, "version"));
        assertEquals(2, ModinfoLines.values(fields, "parm").size());
        assertEquals(List.of(), ModinfoLines.values(fields, "vermagic"));
    }
}
