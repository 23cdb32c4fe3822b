package org.cogos.api.admin;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Module lifecycle and introspection: the Linux module tools mapped onto OSGi. Implemented by the runtime;
 * every operation that fails throws {@link ModuleException} with a one-line message fit for the shell.
 */
@ProviderType
public interface ModuleManager {

    /** {@code lsmod}: every installed module. */
    List<ModuleStatus> list();

    /**
     * Modalities robots send that no module has served since the runtime started ({@code lsmod}'s footer):
     * their percepts are held for a grace time, then refused with {@code no_module}.
     */
    List<UnservedModality> unserved();

    /** @return the counters of every module that has counted since cogos started, by name, loaded or not */
    List<ModuleCounters> counters();

    /** @return what the router has waiting now, per modality it has lanes for, by modality */
    List<ModalityQueue> queues();

    /** {@code modinfo}. */
    Optional<ModuleInfo> info(String name);

    /** {@code insmod}: install and start the bundle at {@code location}, which must declare Cogos-Module. */
    String insmod(String location) throws ModuleException;

    /** {@code rmmod}: stop and remove a module; refused while other modules use it unless {@code force}. */
    void rmmod(String name, boolean force) throws ModuleException;

    /** {@code modprobe}: install the module's Karaf feature {@code cogos-NAME} with its dependencies. */
    void modprobe(String name) throws ModuleException;

    /** Parameters of a module with their values in force. */
    List<ModuleParam> params(String name) throws ModuleException;

    /** Set one parameter live through Config Admin; the value is checked against the Metatype first. */
    void setParam(String name, String key, String value) throws ModuleException;
}
