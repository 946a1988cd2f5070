package io.openmessaging.omsconnect.convert;

import io.openmessaging.connector.api.data.RecordConverter;
import io.openmessaging.omsconnect.herder.BadRequestException;
import io.openmessaging.omsconnect.plugin.LoaderSwap;
import io.openmessaging.omsconnect.plugin.PluginHost;

import java.util.Map;

/**
 * Creates the converter a connector config names: one of the worker's own (by class name, short name
 * {@code json}, {@code string}, {@code bytes}, or RocketMQ Connect's or Kafka Connect's class name of the same
 * converter) or one from a plugin, configured with its sub-keys.
 */
public final class Converters {
    /** RocketMQ Connect's record converters: ours write the same bytes (its JSON one is Kafka's envelope too). */
    private static final String ROCKETMQ = "org.apache.rocketmq.connect.runtime.converter.record.";
    /**
     * Kafka Connect's converters: its StringConverter and ByteArrayConverter put the same bytes on the queue as ours,
     * its JsonConverter the same envelope (and {@code schemas.enable=false}, the same bare JSON), so that a connector
     * config written for Kafka Connect runs here unchanged and reads what a Kafka Connect worker wrote.
     */
    private static final String KAFKA = "org.apache.kafka.connect.";
    private static final Map<String, Class<? extends RecordConverter>> BUILT_IN = Map.ofEntries(
            Map.entry("json", JsonRecordConverter.class),
            Map.entry(JsonRecordConverter.class.getName(), JsonRecordConverter.class),
            Map.entry(ROCKETMQ + "json.JsonConverter", JsonRecordConverter.class),
            Map.entry(KAFKA + "json.JsonConverter", JsonRecordConverter.class),
            Map.entry("string", StringRecordConverter.class),
            Map.entry(StringRecordConverter.class.getName(), StringRecordConverter.class),
            Map.entry(ROCKETMQ + "StringConverter", StringRecordConverter.class),
            Map.entry(KAFKA + "storage.StringConverter", StringRecordConverter.class),
            Map.entry("bytes", ByteArrayRecordConverter.class),
            Map.entry(ByteArrayRecordConverter.class.getName(), ByteArrayRecordConverter.class),
            Map.entry(ROCKETMQ + "ByteArrayConverter", ByteArrayRecordConverter.class),
            Map.entry(KAFKA + "converters.ByteArrayConverter", ByteArrayRecordConverter.class),
            Map.entry(NumberRecordConverter.Short.class.getName(), NumberRecordConverter.Short.class),
            Map.entry(ROCKETMQ + "ShortConverter", NumberRecordConverter.Short.class),
            Map.entry(NumberRecordConverter.Integer.class.getName(), NumberRecordConverter.Integer.class),
            Map.entry(ROCKETMQ + "IntegerConverter", NumberRecordConverter.Integer.class),
            Map.entry(NumberRecordConverter.Long.class.getName(), NumberRecordConverter.Long.class),
            Map.entry(ROCKETMQ + "LongConverter", NumberRecordConverter.Long.class),
            Map.entry(NumberRecordConverter.Float.class.getName(), NumberRecordConverter.Float.class),
            Map.entry(ROCKETMQ + "FloatConverter", NumberRecordConverter.Float.class),
            Map.entry(NumberRecordConverter.Double.class.getName(), NumberRecordConverter.Double.class),
            Map.entry(ROCKETMQ + "DoubleConverter", NumberRecordConverter.Double.class));

    private final PluginHost plugins;

    /** The class names of the worker's own converters. */
    public static java.util.SortedSet<String> builtInClasses() {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        BUILT_IN.values().forEach(c -> names.add(c.getName()));
        return names;
    }

    public Converters(PluginHost plugins) {
        this.plugins = plugins;
    }

    /**
     * @param className null for the default (JSON)
     * @param field     the config key that named it, for the error
     */
    public RecordConverter create(String className, Map<String, String> config, String field) {
        RecordConverter converter;
        Class<? extends RecordConverter> builtIn = BUILT_IN.get(className == null ? "json" : className);
        if (builtIn != null) {
            try {
                converter = builtIn.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        } else if (plugins.component(className).isPresent()) {
            converter = plugins.newInstance(className, RecordConverter.class);
        } else {
            throw new BadRequestException(field, "unknown converter class " + className);
        }
        try (LoaderSwap ignored = LoaderSwap.to(converter.getClass().getClassLoader())) {
            converter.configure(config);
        }
        return converter;
    }

    /** Whether {@code className} names a converter this worker can create. */
    public boolean exists(String className) {
        return className == null || BUILT_IN.containsKey(className) || plugins.component(className).isPresent();
    }
}
