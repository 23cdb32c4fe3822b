package org.cogos.shell.internal;

import java.util.List;

import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * Completes what {@code cog:modprobe} can load: the modules not yet loaded are only known as the {@code cogos-NAME}
 * features of the registered repositories, so the candidates are those names without the prefix.
 */
@Service
public class ModuleFeatureCompleter implements Completer {

    static final String FEATURE_PREFIX = "cogos-";

    @Reference
    FeaturesService features;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        try {
            for (Feature feature : features.listFeatures()) {
                if (feature.getName().startsWith(FEATURE_PREFIX)) {
                    names.getStrings().add(feature.getName().substring(FEATURE_PREFIX.length()));
                }
            }
        } catch (Exception e) {
            // A repository that cannot be read leaves nothing to offer; modprobe itself will report the problem.
            return -1;
        }
        return names.complete(session, commandLine, candidates);
    }
}
