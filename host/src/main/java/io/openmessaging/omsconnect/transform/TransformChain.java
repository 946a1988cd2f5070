package io.openmessaging.omsconnect.transform;

import io.openmessaging.connector.api.component.Component;
import io.openmessaging.connector.api.component.Transform;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.omsconnect.api.Predicate;
import io.openmessaging.omsconnect.herder.BadRequestException;
import io.openmessaging.omsconnect.plugin.LoaderSwap;
import io.openmessaging.omsconnect.plugin.PluginHost;
import io.openmessaging.omsconnect.worker.ConnectorConfig;
import io.openmessaging.omsconnect.worker.KeyValues;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The transforms a connector config lists ({@link TransformSpec}), applied in order, each where its
 * predicate ({@link PredicateSpec}) holds (or, negated, does not). A transform returning null drops the
 * record. Every call into a plugin runs with the plugin's loader as context loader.
 */
public final class TransformChain implements AutoCloseable {
    /** one transform with the predicate deciding where it applies (null: everywhere) */
    @SuppressWarnings("rawtypes")
    private record Step(Transform transform, Predicate predicate, boolean negate) {
    }

    private final List<Step> steps;
    private final List<Component> components;

    private TransformChain(List<Step> steps, List<Component> components) {
        this.steps = steps;
        this.components = components;
    }

    /**
     * Creates and starts the chain of {@code config}. Configs are checked at create (the herder's
     * validation), so a problem here is one of a config stored before the check.
     *
     * @throws BadRequestException naming the key of a class no plugin offers or a predicate not listed
     */
    @SuppressWarnings("rawtypes")
    public static TransformChain create(ConnectorConfig config, PluginHost plugins) {
        List<Component> started = new ArrayList<>();
        try {
            Map<String, Predicate> predicates = new HashMap<>();
            for (PredicateSpec spec : PredicateSpec.of(config)) {
                Predicate predicate = instantiate(plugins, spec.classKey(), spec.className(), Predicate.class);
                start(predicate, spec.ownConfig());
                started.add(predicate);
                predicates.put(spec.alias(), predicate);
            }
            List<Step> steps = new ArrayList<>();
            for (TransformSpec spec : TransformSpec.of(config)) {
                Predicate predicate = null;
                if (spec.predicate() != null) {
                    predicate = predicates.get(spec.predicate());
                    if (predicate == null) {
                        throw new BadRequestException(spec.key("predicate"), spec.key("predicate") + ": predicate "
                                + spec.predicate() + " is not listed in predicates");
                    }
                }
                Transform transform = instantiate(plugins, spec.classKey(), spec.className(), Transform.class);
                start(transform, spec.ownConfig());
                started.add(transform);
                steps.add(new Step(transform, predicate, spec.negate()));
            }
            return new TransformChain(List.copyOf(steps), List.copyOf(started));
        } catch (RuntimeException e) {
            new TransformChain(List.of(), started).close();
            throw e;
        }
    }

    private static <T> T instantiate(PluginHost plugins, String key, String className, Class<T> type) {
        if (className == null) {
            throw new BadRequestException(key, key + ": required");
        }
        if (plugins.component(className).isEmpty()) {
            throw new BadRequestException(key, key + ": no plugin offers " + className);
        }
        return plugins.newInstance(className, type);
    }

    private static void start(Component component, Map<String, String> config) {
        try (LoaderSwap ignored = LoaderSwap.to(component.getClass().getClassLoader())) {
            component.validate(KeyValues.of(config));
            component.start(KeyValues.of(config));
        }
    }

    /** True when no transform is configured: records pass unchanged. */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The transformed record, or null when a transform dropped it. */
    @SuppressWarnings("unchecked")
    public ConnectRecord apply(ConnectRecord record) {
        ConnectRecord r = record;
        for (Step step : steps) {
            if (r == null) {
                return null;
            }
            if (step.predicate() != null && applies(step, r) == step.negate()) {
                continue;
            }
            try (LoaderSwap ignored = LoaderSwap.to(step.transform().getClass().getClassLoader())) {
                r = (ConnectRecord) step.transform().doTransform(r);
            }
        }
        return r;
    }

    private static boolean applies(Step step, ConnectRecord record) {
        try (LoaderSwap ignored = LoaderSwap.to(step.predicate().getClass().getClassLoader())) {
            return step.predicate().test(record);
        }
    }

    @Override
    public void close() {
        for (Component component : components) {
            try (LoaderSwap ignored = LoaderSwap.to(component.getClass().getClassLoader())) {
                component.stop();
            } catch (RuntimeException e) {
                // a transform failing to stop must not keep the task from closing
            }
        }
    }
}
