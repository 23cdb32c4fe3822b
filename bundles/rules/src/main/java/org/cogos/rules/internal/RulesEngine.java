package org.cogos.rules.internal;

import java.util.List;

import org.cogos.api.Action;
import org.cogos.api.DecisionEngine;
import org.cogos.api.Scene;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code rules} decision engine. A parameter change swaps in new immutable rules between two scenes. */
@Component(service = DecisionEngine.class, configurationPid = RulesConfig.PID,
        property = DecisionEngine.ENGINE + "=" + RuleSet.ENGINE)
@Designate(ocd = RulesConfig.class)
public class RulesEngine implements DecisionEngine {

    private static final Logger LOG = LoggerFactory.getLogger(RulesEngine.class);

    private volatile RuleSet rules;
    /** Kept across parameter changes: what "it" stands for does not change with the wording of replies. */
    private final CommandMemory memory = new CommandMemory();

    @Activate
    public RulesEngine(RulesConfig config) {
        rules = new RuleSet(RulesOptions.from(config));
        LOG.info("rules engine active: {}", rules.options());
    }

    /** A rejected change keeps the engine deciding with its previous parameters. */
    @Modified
    void modified(RulesConfig config) {
        try {
            rules = new RuleSet(RulesOptions.from(config));
            LOG.info("rules engine parameters updated: {}", rules.options());
        } catch (IllegalArgumentException e) {
            LOG.error("rules engine keeps {}: {}", rules.options(), e.getMessage());
        }
    }

    @Override
    public List<Action> decide(Scene scene) {
        return rules.decide(scene, memory);
    }
}
