package org.cogos.nativebridge.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Parameters of the tensor engine (PID {@value #PID}); checked by {@link TensorOptions}. */
@ObjectClassDefinition(id = TensorConfig.PID, name = "cogos tensor engine",
        description = "The TensorEngine service: the cogos_tensor kernel module or its user-space twin.")
public @interface TensorConfig {

    String PID = "org.cogos.tensor";

    @AttributeDefinition(name = "Backend", options = {
        @Option(value = "auto", label = "kernel if both devices open, else userspace"),
        @Option(value = "kernel", label = "kernel modules only; the service fails to start without them"),
        @Option(value = "userspace", label = "the same numeric code in this process") },
            description = "auto, kernel or userspace. auto uses the kernel modules when both devices open and logs"
                    + " why it falls back to userspace otherwise.")
    String backend() default "auto";

    @AttributeDefinition(name = "Tensor device", description = "Device file of the cogos_tensor module.")
    String device() default "/dev/cogos_tensor";

    @AttributeDefinition(name = "Compute device", description = "Device file of the cogos_compute module.")
    String computeDevice() default "/dev/cogos_compute";
}
