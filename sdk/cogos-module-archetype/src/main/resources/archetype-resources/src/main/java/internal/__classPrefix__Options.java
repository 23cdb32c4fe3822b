package ${package}.internal;

import static ${package}.internal.${classPrefix}Config.*;
import static org.cogos.api.config.ParamCheck.within;

/**
 * The ${moduleName} module's parameters, checked against the bounds declared in {@link ${classPrefix}Config}.
 * Config Admin does not enforce Metatype bounds, so a hand-edited configuration
 * ({@code etc/${package}.cfg}) is checked here, in the words {@code cog:param} uses.
 */
record ${classPrefix}Options(double maxRangeM, double bearingRad, double fieldOfViewRad,
        double confidence) {

    ${classPrefix}Options {
        within(PID, "maxRangeM", maxRangeM, MAX_RANGE_M_MIN, MAX_RANGE_M_MAX);
        within(PID, "bearingRad", bearingRad, BEARING_RAD_MIN, BEARING_RAD_MAX);
        within(PID, "fieldOfViewRad", fieldOfViewRad, FIELD_OF_VIEW_RAD_MIN, FIELD_OF_VIEW_RAD_MAX);
        within(PID, "confidence", confidence, CONFIDENCE_MIN, CONFIDENCE_MAX);
    }

    static ${classPrefix}Options from(${classPrefix}Config config) {
        return new ${classPrefix}Options(config.maxRangeM(), config.bearingRad(), config.fieldOfViewRad(),
                config.confidence());
    }
}
