package org.cogos.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.Test;
import org.cogos.api.admin.ModuleState;

/** The cog:* module commands against a working in-memory module manager: what an operator sees. */
public class ModuleCommandsTest {

    private final InMemoryModules modules = new InMemoryModules();
    private final Console console = new Console();

    private Lsmod lsmod(boolean noFormat) {
        Lsmod command = new Lsmod();
        command.modules = modules;
        command.noFormat = noFormat;
        return command;
    }

    private <T extends ModuleCommand> T on(T command, String module) {
        command.modules = modules;
        command.module = module;
        return command;
    }

    @Test
    public void lsmodShowsOneRowPerModuleSortedWithReadableFigures() {
        modules.loaded(Modules.SENSOR).loaded(Modules.RULES).loaded(Modules.COORDINATOR)
                .traffic("sensor", ModuleState.LIVE, 120_431, 3, 17, 249.7, 850, 3_276_800)
                .traffic("coordinator", ModuleState.QUARANTINED, 5_000, 12, 0, 10.04, 12_340, -1);

        console.run(lsmod(false));
        assertEquals(0, console.exitStatus());

        assertEquals(List.of("Module", "State", "Memory", "Used by", "Percepts/s", "p99", "Processed", "Errors",
                "Superseded", "Bundle id"), console.tableHeader());
        assertEquals(List.of(
                List.of("coordinator", "quarantined", "-", "0", "10.0", "12.3 ms", "5000", "12", "0", "72"),
                List.of("rules", "live", "-", "1 coordinator", "0", "-", "0", "0", "0", "71"),
                List.of("sensor", "live", "3.1 MiB", "1 coordinator", "250", "850 µs", "120431", "3", "17", "70")),
                console.tableRows());
        assertEquals("", console.err());
        assertEquals(0, console.exitStatus());
    }

    @Test
    public void lsmodNamesTheModalitiesNoModuleServesUnderTheTable() {
        modules.loaded(Modules.SENSOR).unserved("thermal", 3, 0).unserved("sonar", 0, 12);

        console.run(lsmod(false));

        List<String> lines = console.outLines();
        assertEquals(List.of("sensor", "live", "-", "0", "0", "-", "0", "0", "0", "70"),
                Console.cells(lines.get(2)));
        assertEquals("No module serves: sonar (0 held, 12 refused), thermal (3 held, 0 refused)",
                lines.get(lines.size() - 1));
        assertEquals(4, lines.size());
    }

    @Test
    public void lsmodNoFormatLeavesTheFooterOutForScripts() {
        modules.loaded(Modules.RULES).unserved("thermal", 0, 4);
        console.run(lsmod(true));
        assertEquals(1, console.outLines().size());
    }

    @Test
    public void lsmodWithoutModulesSaysSo() {
        console.run(lsmod(false));
        assertEquals("no modules loaded", console.outLines().get(2));
    }

    @Test
    public void lsmodNoFormatGivesTabSeparatedRowsOnly() {
        modules.loaded(Modules.RULES);
        console.run(lsmod(true));
        assertEquals(1, console.outLines().size());
        // ShellTable pads the cells even without format, as Karaf's own --no-format output does.
        assertEquals(List.of("rules", "live", "-", "0", "0", "-", "0", "0", "0", "70"),
                Arrays.stream(console.outLines().get(0).split("\t")).map(String::strip).toList());
    }

    @Test
    public void insmodReportsTheModuleAndItsBundle() {
        modules.installable("file:/tmp/cogos-sensor.jar", Modules.SENSOR);
        Insmod insmod = new Insmod();
        insmod.modules = modules;
        insmod.location = "file:/tmp/cogos-sensor.jar";

        console.run(insmod);

        assertEquals(List.of("Inserted module sensor (bundle 70)"), console.outLines());
        assertEquals("", console.err());
        assertEquals(0, console.exitStatus());
    }

    @Test
    public void insmodOfAnAlreadyLoadedModulePrintsOneErrorLine() {
        modules.installable("file:/tmp/cogos-sensor.jar", Modules.SENSOR).loaded(Modules.SENSOR);
        Insmod insmod = new Insmod();
        insmod.modules = modules;
        insmod.location = "file:/tmp/cogos-sensor.jar";

        console.run(insmod);

        assertEquals("", console.out());
        assertEquals(List.of("module sensor is already loaded (bundle 70)"), console.errLines());
        assertEquals(1, console.exitStatus());
    }

    @Test
    public void rmmodRefusesWhileUsedAndSaysWhyOnOneLine() {
        modules.loaded(Modules.SENSOR).loaded(Modules.RULES).loaded(Modules.COORDINATOR);

        console.run(on(new Rmmod(), "sensor"));

        assertEquals("", console.out());
        assertEquals(List.of("module sensor is in use by coordinator (use --force)"), console.errLines());
        assertEquals(1, console.exitStatus());
        assertTrue(modules.info("sensor").isPresent());
    }

    @Test
    public void rmmodForceRemovesAModuleInUse() {
        modules.loaded(Modules.SENSOR).loaded(Modules.COORDINATOR);
        Rmmod rmmod = on(new Rmmod(), "sensor");
        rmmod.force = true;

        console.run(rmmod);

        assertEquals(List.of("Removed module sensor"), console.outLines());
        assertFalse(modules.info("sensor").isPresent());
    }

    @Test
    public void modprobeReportsEveryModuleItBroughtInDependenciesFirst() {
        modules.loaded(Modules.SENSOR).feature("coordinator", Modules.RULES, Modules.SENSOR, Modules.COORDINATOR);
        Modprobe modprobe = new Modprobe();
        modprobe.modules = modules;
        modprobe.module = "coordinator";

        console.run(modprobe);

        assertEquals(List.of("Inserted module rules (bundle 71)", "Inserted module coordinator (bundle 72)"),
                console.outLines());
    }

    @Test
    public void modprobeOfALoadedModuleSaysSo() {
        modules.feature("rules", Modules.RULES).loaded(Modules.RULES);
        Modprobe modprobe = new Modprobe();
        modprobe.modules = modules;
        modprobe.module = "rules";

        console.run(modprobe);

        assertEquals(List.of("Module rules is already loaded (bundle 70)"), console.outLines());
    }

    @Test
    public void modprobeOfAFeatureWithoutThatModuleSaysNothingAppeared() {
        modules.feature("tools", Modules.RULES).loaded(Modules.RULES);
        Modprobe modprobe = new Modprobe();
        modprobe.modules = modules;
        modprobe.module = "tools";

        console.run(modprobe);

        assertEquals(List.of("Installed feature cogos-tools but no module tools appeared (see cog:dmesg)"),
                console.outLines());
    }

    @Test
    public void modprobeOfAnUnknownFeaturePrintsTheManagersReason() {
        Modprobe modprobe = new Modprobe();
        modprobe.modules = modules;
        modprobe.module = "vision";

        console.run(modprobe);

        assertEquals(List.of("no feature cogos-vision in the known repositories (feature:repo-add?)"),
                console.errLines());
        assertEquals(1, console.exitStatus());
    }

    @Test
    public void modinfoPrintsAlignedFieldsWithTheParametersInForce() throws Exception {
        modules.loaded(Modules.SENSOR);
        modules.setParam("sensor", "maxRange", "12");

        console.run(on(new Modinfo(), "sensor"));

        List<String> lines = console.outLines();
        assertEquals("name:        sensor", lines.get(0));
        assertEquals("bundle:      70", lines.get(6));
        assertEquals("signer:      " + Modules.SIGNER, lines.get(8));
        assertEquals("parm:        maxRange:Farthest return kept, in metres (Double, default 8.0, now 12.0)",
                lines.get(10));
        assertEquals("parm:        minClusterPoints:Returns needed to report an object (Integer, default 3, now 3)",
                lines.get(11));
    }

    @Test
    public void modinfoFieldPrintsBareValues() {
        modules.loaded(Modules.COORDINATOR);
        Modinfo modinfo = on(new Modinfo(), "coordinator");
        modinfo.field = "depends";

        console.run(modinfo);

        assertEquals(List.of("rules,sensor"), console.outLines());
    }

    @Test
    public void modinfoOfAnUnknownModuleIsOneErrorLine() {
        console.run(on(new Modinfo(), "vision"));
        assertEquals(List.of("no module named vision (see cog:lsmod)"), console.errLines());
        assertEquals(1, console.exitStatus());
        assertEquals("", console.out());
    }

    @Test
    public void paramListsEveryParameterWithItsValue() {
        modules.loaded(Modules.SENSOR);
        console.run(on(new Param(), "sensor"));
        assertEquals(List.of("sensor.maxRange = 8.0", "sensor.minClusterPoints = 3"), console.outLines());
    }

    @Test
    public void paramSaysWhenAModuleHasNone() {
        modules.loaded(Modules.RULES);
        console.run(on(new Param(), "rules"));
        assertEquals(List.of("module rules has no parameters"), console.outLines());
    }

    @Test
    public void paramWithAKeyPrintsTheBareValue() {
        modules.loaded(Modules.SENSOR);
        Param param = on(new Param(), "sensor");
        param.key = "minClusterPoints";

        console.run(param);

        assertEquals(List.of("3"), console.outLines());
    }

    @Test
    public void paramSetsLiveAndPrintsTheValueInForce() {
        modules.loaded(Modules.SENSOR);
        Param param = on(new Param(), "sensor");
        param.key = "maxRange";
        param.value = "12";

        console.run(param);

        assertEquals(List.of("sensor.maxRange = 12.0"), console.outLines());
        Param read = on(new Param(), "sensor");
        read.key = "maxRange";
        Console again = new Console();
        again.run(read);
        assertEquals("12.0\n", again.out().replace("\r\n", "\n"));
    }

    @Test
    public void paramRejectedByTheManagerLeavesTheValueAndSaysWhy() {
        modules.loaded(Modules.SENSOR);
        Param param = on(new Param(), "sensor");
        param.key = "maxRange";
        param.value = "far";

        console.run(param);

        assertEquals("", console.out());
        assertEquals(List.of("parameter maxRange of sensor must be a Double, got far"), console.errLines());
        assertEquals(1, console.exitStatus());
        Param read = on(new Param(), "sensor");
        Console again = new Console();
        again.run(read);
        assertEquals("sensor.maxRange = 8.0", again.outLines().get(0));
    }

    @Test
    public void paramWithAnUnknownKeyNamesTheModuleAndKey() {
        modules.loaded(Modules.SENSOR);
        Param param = on(new Param(), "sensor");
        param.key = "range";

        console.run(param);

        assertEquals(List.of("module sensor has no parameter range (see cog:param sensor)"), console.errLines());
        assertEquals(1, console.exitStatus());
    }
}
