package org.cogos.runtime.internal;

import java.util.List;
import java.util.Map;

import org.cogos.api.admin.ModalityQueue;
import org.cogos.api.admin.UnservedModality;

/** What the router knows of modules, for the module manager (lsmod). Internal to the runtime bundle. */
interface RoutingState {

    /** @return the bound module services, current ones first per modality */
    List<ModuleHandle> handles();

    /** @return the counters of a module name, or null when it never processed anything */
    ModuleMetrics metrics(String module);

    /** @return the counters of every module name that has counted since the router started */
    Map<String, ModuleMetrics> allMetrics();

    /** @return what waits in the lanes now, per modality */
    List<ModalityQueue> queues();

    /** @return the modalities percepts arrived for that no module has served since the router started */
    List<UnservedModality> unserved();
}
