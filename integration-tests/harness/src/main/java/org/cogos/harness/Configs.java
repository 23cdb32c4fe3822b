package org.cogos.harness;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a component property type the way SCR does: values from a map, else the annotation's defaults. */
public final class Configs {

    private Configs() {
    }

    public static <A> A of(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue())));
    }

    public static <A> A defaults(Class<A> type) {
        return of(type, Map.of());
    }
}
