package org.cogos.bench.modules;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.cogos.api.CognitiveModule;

/**
 * Loads and releases what is measured (a module, or a model alone) outside OSGi.
 *
 * @param <M> what a load gives
 */
interface ModuleLoader<M> {

    /** Constructs it with its real models, as SCR activates a module. */
    M load() throws Exception;

    /** Releases what {@link #load()} took. */
    void unload(M loaded) throws Exception;

    /** A module constructed by {@code activate} and released by its own {@code @Deactivate} method. */
    static ModuleLoader<CognitiveModule> module(Activation activate) {
        return new ModuleLoader<>() {
            @Override
            public CognitiveModule load() throws Exception {
                return activate.construct();
            }

            @Override
            public void unload(CognitiveModule module) throws Exception {
                deactivate(module);
            }
        };
    }

    /** A module's constructor call with its configuration and services. */
    interface Activation {
        CognitiveModule construct() throws Exception;
    }

    /**
     * Calls a component's {@code @Deactivate} method. SCR calls it by reflection because it is package-private;
     * so does this, so that the benchmark releases the module exactly as the runtime does.
     */
    static void deactivate(Object component) throws Exception {
        Method deactivate = component.getClass().getDeclaredMethod("deactivate");
        deactivate.setAccessible(true);
        try {
            deactivate.invoke(component);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
