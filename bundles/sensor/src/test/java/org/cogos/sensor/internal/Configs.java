package org.cogos.sensor.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a component property type the way SCR does: values from a map, else the annotation's defaults. */
final class Configs {

    private Configs() {
    }

    static <A> A of(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue())));
    }

    static <A> A defaults(Class<A> type) {
        return of(type, Map.of());
    }
}
