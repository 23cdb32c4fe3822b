package org.cogos.nativebridge.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import org.cogos.api.tensor.TensorEngine;
import org.cogos.api.tensor.TensorEngineException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the backend at activation and registers the {@link TensorEngine} itself, because the backend property
 * ({@value TensorEngine#BACKEND_PROPERTY}) is only known once a device has (or has not) opened. A configuration
 * change re-activates the component, so consumers rebind to an engine of the new backend.
 */
@Component(service = {}, immediate = true, configurationPid = TensorConfig.PID)
@Designate(ocd = TensorConfig.class)
public class TensorEngineComponent {

    private static final Logger LOG = LoggerFactory.getLogger(TensorEngineComponent.class);

    private NativeTensorEngine engine;
    private ServiceRegistration<TensorEngine> registration;

    @Activate
    void activate(BundleContext context, TensorConfig config) {
        TensorOptions options = TensorOptions.from(config);
        try {
            NativeLibrary.loadBundled();
        } catch (UnsatisfiedLinkError e) {
            LOG.error("tensor engine cannot start: {}", e.getMessage());
            throw e;
        }
        engine = open(options);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(TensorEngine.BACKEND_PROPERTY, engine.backend());
        properties.put(Constants.SERVICE_DESCRIPTION, "cogos tensor engine (" + engine.backend() + ")");
        try {
            registration = context.registerService(TensorEngine.class, engine, properties);
        } catch (RuntimeException e) {
            closeAfter(e);
            throw e;
        }
        LOG.info("tensor engine active: {}", engine.status());
    }

    /**
     * The engine of the configured backend; auto falls back to userspace, logging why: a warning when the devices
     * exist but refuse this process (its message says how to get access), else at info (no modules loaded).
     */
    static NativeTensorEngine open(TensorOptions options) {
        switch (options.backend()) {
            case USERSPACE:
                return NativeTensorEngine.userspace();
            case KERNEL:
                try {
                    return NativeTensorEngine.kernel(options.device(), options.computeDevice());
                } catch (TensorEngineException e) {
                    // an EACCES message already says how to get access; loading the modules would not help
                    String hint = accessDenied(e) ? "" : "; load cogos_tensor and cogos_compute or set backend=auto";
                    LOG.error("backend=kernel is configured but the kernel modules are not usable: {}{}",
                            e.getMessage(), hint);
                    throw e;
                }
            default:
                try {
                    return NativeTensorEngine.kernel(options.device(), options.computeDevice());
                } catch (TensorEngineException e) {
                    if (accessDenied(e)) {
                        LOG.warn("backend=auto: using userspace, the kernel modules are loaded but refuse this"
                                + " process: {}", e.getMessage());
                    } else {
                        LOG.info("backend=auto: using userspace, the kernel modules are not usable: {}",
                                e.getMessage());
                    }
                    return NativeTensorEngine.userspace();
                }
        }
    }

    private static boolean accessDenied(TensorEngineException e) {
        return e instanceof KernelOpenException k && k.accessDenied();
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } finally {
            engine.close();
            LOG.info("tensor engine closed ({})", engine.backend());
        }
    }

    private void closeAfter(RuntimeException cause) {
        try {
            engine.close();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
