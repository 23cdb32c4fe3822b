package org.cogos.sensor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cogos.api.tensor.MlpNetwork;
import org.cogos.api.tensor.Priority;
import org.cogos.api.tensor.TensorEngine;
import org.cogos.nativebridge.internal.NativeTensorEngine;
import org.junit.Test;

/** What the classifier asks of the tensor engine, seen through a recording wrapper around the real engine. */
public class ClusterClassifierTest {

    /** A person-sized blob two metres ahead. */
    private static final Cluster BLOB = new Cluster(12, 80, 91, 1.95, 2.15, 2.05, 0.0, 0.42, 0.40, 0.06, 0.03,
            0.01, 0.22, 0.09, 0);

    /** Obstacle and person detection feeds the stop: its network runs at SAFETY, ahead of queued tensor work. */
    @Test
    public void clustersAreClassifiedAtSafetyPriority() {
        List<Object> priorities = new CopyOnWriteArrayList<>();
        try (NativeTensorEngine real = NativeTensorEngine.userspace();
                ClusterClassifier classifier = ClusterClassifier.load(recording(real, priorities),
                        LidarModule.class.getResource(ClusterClassifier.WEIGHTS))) {
            double[] person = classifier.personProbabilities(List.of(BLOB, BLOB), Math.toRadians(1));
            assertEquals(2, person.length);
            assertTrue("a probability: " + person[0], person[0] >= 0 && person[0] <= 1);
            assertEquals("one engine call for both clusters", person[0], person[1], 0);
        }
        assertEquals(List.of(Priority.SAFETY), priorities);
    }

    /** The engine, with every classify of the networks it loads recorded: its priority, or that it had none. */
    private static TensorEngine recording(TensorEngine engine, List<Object> priorities) {
        return (TensorEngine) Proxy.newProxyInstance(TensorEngine.class.getClassLoader(),
                new Class<?>[] {TensorEngine.class}, (proxy, method, args) -> {
                    Object result = invoke(method, engine, args);
                    if (!method.getName().equals("loadNetwork")) {
                        return result;
                    }
                    MlpNetwork network = (MlpNetwork) result;
                    return Proxy.newProxyInstance(MlpNetwork.class.getClassLoader(), new Class<?>[] {MlpNetwork.class},
                            (p, m, a) -> {
                                if (m.getName().equals("classify")) {
                                    priorities.add(a[0] instanceof Priority priority ? priority
                                            : "classify without a priority");
                                }
                                return invoke(m, network, a);
                            });
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
