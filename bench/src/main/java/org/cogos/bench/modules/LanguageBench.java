package org.cogos.bench.modules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.harness.Configs;
import org.cogos.language.internal.LanguageConfig;
import org.cogos.language.internal.LanguageModule;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The language module outside OSGi on the command table its tests use (utterance, expected intent). */
final class LanguageBench {

    static final String COMMANDS = "bundles/language/src/test/resources/org/cogos/language/internal/commands.tsv";

    record Result(ModuleFigures<Observation> module, int expected, int rows) {
    }

    private LanguageBench() {
    }

    static Result run(Repo repo, int warmup, int calls) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String[]> rows = repo.tsv(COMMANDS);
        List<Percept> texts = new ArrayList<>();
        for (String[] row : rows) {
            texts.add(ModuleRun.percept("text", texts.size(), json.writeValueAsBytes(Map.of("text", row[0]))));
        }
        ModuleFigures<Observation> figures = ModuleRun.module("language", rows.size() + " command sentences",
                ModuleLoader.module(() -> new LanguageModule(Configs.defaults(LanguageConfig.class))), texts,
                warmup, calls);
        int expected = 0;
        for (int i = 0; i < rows.size(); i++) {
            List<Detection> detections = figures.firstPass().get(i).detections();
            if (!detections.isEmpty() && detections.get(0).label().equals(rows.get(i)[1])) {
                expected++;
            }
        }
        return new Result(figures, expected, rows.size());
    }
}
