package io.openmessaging.omsconnect.transform;

import io.openmessaging.connector.api.component.Transform;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.omsconnect.herder.BadRequestException;
import io.openmessaging.omsconnect.plugin.LoaderSwap;
import io.openmessaging.omsconnect.plugin.PluginHost;
import io.openmessaging.omsconnect.worker.KeyValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The transforms a connector config lists ({@code transforms=a,b}, each {@code transforms.a.class} plus
 * its own {@code transforms.a.*} keys; RocketMQ Connect's {@code transforms-a-class} is accepted too),
 * applied in order. A transform returning null drops the record.
 */
public final class TransformChain implements AutoCloseable {
    @SuppressWarnings("rawtypes")
    private final List<Transform> transforms;

    @SuppressWarnings("rawtypes")
    private TransformChain(List<Transform> transforms) {
        this.transforms = transforms;
    }

    @SuppressWarnings("rawtypes")
    public static TransformChain create(List<String> aliases, Map<String, String> config, PluginHost plugins) {
        List<Transform> list = new ArrayList<>();
        for (String alias : aliases) {
            String prefix = "transforms." + alias + ".";
            String className = config.get(prefix + "class");
            if (className == null) {
                prefix = "transforms-" + alias + "-";
                className = config.get(prefix + "class");
            }
            if (className == null) {
                throw new BadRequestException("transforms." + alias + ".class", "transform " + alias + " names no class");
            }
            if (plugins.component(className).isEmpty()) {
                throw new BadRequestException("transforms." + alias + ".class", "unknown transform class " + className);
            }
            Transform t = plugins.newInstance(className, Transform.class);
            Map<String, String> own = new java.util.LinkedHashMap<>();
            String p = prefix;
            config.forEach((k, v) -> {
                if (k.startsWith(p) && !k.equals(p + "class")) {
                    own.put(k.substring(p.length()), v);
                }
            });
            try (LoaderSwap ignored = LoaderSwap.to(t.getClass().getClassLoader())) {
                t.validate(KeyValues.of(own));
                t.start(KeyValues.of(own));
            }
            list.add(t);
        }
        return new TransformChain(List.copyOf(list));
    }

    /** True when no transform is configured: records pass unchanged. */
    public boolean isEmpty() {
        return transforms.isEmpty();
    }

    /** The transformed record, or null when a transform dropped it. */
    @SuppressWarnings("unchecked")
    public ConnectRecord apply(ConnectRecord record) {
        ConnectRecord r = record;
        for (Transform t : transforms) {
            if (r == null) {
                return null;
            }
            try (LoaderSwap ignored = LoaderSwap.to(t.getClass().getClassLoader())) {
                r = (ConnectRecord) t.doTransform(r);
            }
        }
        return r;
    }

    @Override
    public void close() {
        for (Transform t : transforms) {
            try (LoaderSwap ignored = LoaderSwap.to(t.getClass().getClassLoader())) {
                t.stop();
            } catch (RuntimeException e) {
                // a transform failing to stop must not keep the task from closing
            }
        }
    }
}
