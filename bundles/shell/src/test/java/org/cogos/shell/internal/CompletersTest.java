package org.cogos.shell.internal;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.console.CommandLine;
import org.cogos.api.admin.RobotStatus;
import org.junit.Test;

public class CompletersTest {

    /** The command line as Karaf hands it to a completer: all words, the cursor at the end of the last one. */
    private static CommandLine line(String... words) {
        String buffer = String.join(" ", words);
        String last = words[words.length - 1];
        return new CommandLine() {
            @Override
            public int getCursorArgumentIndex() {
                return words.length - 1;
            }

            @Override
            public String getCursorArgument() {
                return last;
            }

            @Override
            public int getArgumentPosition() {
                return last.length();
            }

            @Override
            public String[] getArguments() {
                return words;
            }

            @Override
            public int getBufferPosition() {
                return buffer.length();
            }

            @Override
            public String getBuffer() {
                return buffer;
            }
        };
    }

    private static List<String> trimmed(List<String> candidates) {
        return candidates.stream().map(String::trim).sorted().toList();
    }

    @Test
    public void moduleNamesComeFromTheLoadedModules() {
        ModuleNameCompleter completer = new ModuleNameCompleter();
        completer.modules = new InMemoryModules().loaded(Modules.SENSOR).loaded(Modules.RULES)
                .loaded(Modules.COORDINATOR);
        List<String> candidates = new ArrayList<>();

        completer.complete(null, line("cog:rmmod", "s"), candidates);

        assertEquals(List.of("sensor"), trimmed(candidates));
    }

    @Test
    public void paramKeysAreThoseOfTheModuleNamedBefore() {
        ParamKeyCompleter completer = new ParamKeyCompleter();
        completer.modules = new InMemoryModules().loaded(Modules.SENSOR);
        List<String> candidates = new ArrayList<>();

        completer.complete(null, line("cog:param", "sensor", ""), candidates);

        assertEquals(List.of("maxRange", "minClusterPoints"), trimmed(candidates));
    }

    @Test
    public void paramKeysOfAnUnknownModuleAreNone() {
        ParamKeyCompleter completer = new ParamKeyCompleter();
        completer.modules = new InMemoryModules();
        List<String> candidates = new ArrayList<>();

        assertEquals(-1, completer.complete(null, line("cog:param", "vision", "m"), candidates));
        assertEquals(List.of(), candidates);
    }

    @Test
    public void robotNamesComeFromTheRegistryWhenThereIsOne() {
        RobotNameCompleter completer = new RobotNameCompleter();
        List<String> candidates = new ArrayList<>();
        assertEquals(-1, completer.complete(null, line("robot:list", "r"), candidates));

        completer.registry = () -> List.of(new RobotStatus("robot-1", true, 1, 1, Map.of()),
                new RobotStatus("rover-7", false, 1, 1, Map.of()), new RobotStatus("arm-2", true, 1, 1, Map.of()));
        completer.complete(null, line("robot:list", "r"), candidates);

        assertEquals(List.of("robot-1", "rover-7"), trimmed(candidates));
    }
}
