package ${package}.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Parameters of the ${moduleName} module (PID {@value #PID}): what {@code cog:modinfo ${moduleName}} lists and
 * {@code cog:param ${moduleName} KEY VALUE} changes live. The bounds are enforced by {@link ${classPrefix}Options}.
 */
@ObjectClassDefinition(id = ${classPrefix}Config.PID, name = "${moduleName}",
        description = "Range readings on the ${modality} modality become obstacle detections.")
public @interface ${classPrefix}Config {

    String PID = "${package}";

    // Bounds are constants so that the Options check the very numbers Metatype shows (the annotation is not
    // visible at run time); cog:param reads them from the Metatype and refuses a value outside them.
    String MAX_RANGE_M_MIN = "0.1";
    String MAX_RANGE_M_MAX = "100";
    String BEARING_RAD_MIN = "-3.141592653589793";
    String BEARING_RAD_MAX = "3.141592653589793";
    String FIELD_OF_VIEW_RAD_MIN = "0.01";
    String FIELD_OF_VIEW_RAD_MAX = "3.14";
    String CONFIDENCE_MIN = "0";
    String CONFIDENCE_MAX = "1";

    @AttributeDefinition(name = "Maximum range (m)", min = MAX_RANGE_M_MIN, max = MAX_RANGE_M_MAX,
            description = "A reading at or beyond this is no echo: the observation then holds no detection.")
    double maxRangeM() default 4.0;

    @AttributeDefinition(name = "Bearing (rad)", min = BEARING_RAD_MIN, max = BEARING_RAD_MAX,
            description = "Where the sensor points on the robot, REP 103: 0 straight ahead, positive to the left.")
    double bearingRad() default 0.0;

    @AttributeDefinition(name = "Field of view (rad)", min = FIELD_OF_VIEW_RAD_MIN, max = FIELD_OF_VIEW_RAD_MAX,
            description = "The beam's opening angle; an obstacle is reported as wide as the beam at its range.")
    double fieldOfViewRad() default 0.26;

    @AttributeDefinition(name = "Confidence", min = CONFIDENCE_MIN, max = CONFIDENCE_MAX,
            description = "Confidence given to every echo (an ultrasonic echo can be a reflection).")
    double confidence() default 0.9;
}
