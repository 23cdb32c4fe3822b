package org.cogos.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = ModulesConfig.PID, name = "cogos module loading",
        description = "What cog:insmod and cog:modprobe require of a module bundle (docs/security.md, signed modules)")
@interface ModulesConfig {

    String PID = "org.cogos.runtime.modules";

    @AttributeDefinition(name = "Module signature", options = {
        @Option(value = "off", label = "off: no check"),
        @Option(value = "warn", label = "warn: load, with a warning in cog:dmesg"),
        @Option(value = "enforce", label = "enforce: refuse") },
            description = "What to do with a module bundle that is unsigned, changed after signing, or signed by a "
                    + "key not in the trusted signers directory. The distribution ships enforce.")
    String moduleSignature() default "warn";

    @AttributeDefinition(name = "Trusted signers",
            description = "Directory of the PEM certificates whose keys may sign modules; empty means "
                    + "${karaf.etc}/cogos-module-signers.")
    String signersDirectory() default "";
}
