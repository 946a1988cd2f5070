package io.openmessaging.kafka.client;

import io.openmessaging.KeyValue;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.kafka.consumer.StaticMembers;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Makes the Kafka clients of one access point from its attributes: {@code ACCESS_POINTS} is
 * {@code bootstrap.servers}; every attribute that is a key of Kafka's producer, consumer or admin client
 * ({@code ?acks=1&security.protocol=SSL…} in the URL) goes to each client that knows it, and
 * {@code producer.<key>}, {@code consumer.<key>}, {@code admin.<key>} to that client only, winning over the
 * plain key. The driver's defaults sit below both; what the driver relies on is set over them (the consumer
 * group, manual commits, byte serializers).
 *
 * <p>Clients are made with the driver's own class loader as the thread context class loader: Kafka loads the
 * classes its configs name (assignors, SASL callbacks …) through it, and must find them in this plugin, not in
 * whatever the calling thread carries.
 */
public final class KafkaClients {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaClients.class);
    /** How long {@code startup()} of the access point waits for the cluster to answer. */
    public static final String STARTUP_TIMEOUT_MS = "kafka.startup.timeout.ms";
    static final long DEFAULT_STARTUP_TIMEOUT_MS = 10_000;
    static final String PRODUCER_PREFIX = "producer.";
    static final String CONSUMER_PREFIX = "consumer.";
    static final String ADMIN_PREFIX = "admin.";
    /** Keys of the driver itself, read elsewhere: not Kafka's, and not worth a warning. */
    private static final Set<String> DRIVER_KEYS = Set.of(STARTUP_TIMEOUT_MS, "offset.flush.interval.ms", "OMS_DRIVER_URL",
            StaticMembers.PREFIX_KEY);
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final String bootstrapServers;
    private final long startupTimeoutMs;
    private final StaticMembers staticMembers;

    /** Checks the bootstrap servers ({@code host:port[,host:port…]}) and warns once of keys no client knows. */
    public KafkaClients(KeyValue attributes) {
        this.bootstrapServers = bootstrapServers(attributes.getString(OMSBuiltinKeys.ACCESS_POINTS));
        this.startupTimeoutMs = attributes.getLong(STARTUP_TIMEOUT_MS, DEFAULT_STARTUP_TIMEOUT_MS);
        this.staticMembers = new StaticMembers(attributes.getString(StaticMembers.PREFIX_KEY));
        if (startupTimeoutMs <= 0) {
            throw new OMSRuntimeException("-1", STARTUP_TIMEOUT_MS + " must be positive, not " + startupTimeoutMs);
        }
        Set<String> unknown = new TreeSet<>();
        for (String key : attributes.keySet()) {
            if (!isKnown(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            LOG.warn("Kafka access point {}: ignoring {}: keys of no Kafka client and not of this driver", bootstrapServers, unknown);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public long startupTimeoutMs() {
        return startupTimeoutMs;
    }

    /** An idempotent producer (acks=all) of byte[] keys and values, configured by {@code attributes}. */
    public KafkaProducer<byte[], byte[]> producer(KeyValue attributes) {
        Map<String, Object> config = producerConfig(attributes);
        return create("producer", () -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** The static member ids of this access point's consumers (off unless {@code kafka.group.instance.prefix}). */
    public StaticMembers staticMembers() {
        return staticMembers;
    }

    /**
     * A consumer of {@code group} that commits only when told to.
     *
     * @param instanceId its {@code group.instance.id} (a static member, see {@link StaticMembers}), or null
     */
    public KafkaConsumer<byte[], byte[]> consumer(String group, String instanceId, KeyValue attributes) {
        Map<String, Object> config = consumerConfig(group, attributes);
        if (instanceId != null) {
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        }
        return create("consumer of group '" + group + "'",
                () -> new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    }

    public Admin admin(KeyValue attributes) {
        Map<String, Object> config = adminConfig(attributes);
        return create("admin client", () -> Admin.create(config));
    }

    Map<String, Object> producerConfig(KeyValue attributes) {
        Map<String, Object> defaults = new HashMap<>();
        // a send is done when every in-sync replica has the message, and retries never store it twice
        defaults.put(ProducerConfig.ACKS_CONFIG, "all");
        defaults.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Map<String, Object> config = merge(defaults, attributes, ProducerConfig.configNames(), PRODUCER_PREFIX);
        return withIdentity(config, "producer");
    }

    Map<String, Object> consumerConfig(String group, KeyValue attributes) {
        Map<String, Object> defaults = new HashMap<>();
        // a new group reads what the topic holds, as a Kafka Connect sink does: nothing sent before it attached is lost
        defaults.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Object> config = merge(defaults, attributes, ConsumerConfig.configNames(), CONSUMER_PREFIX);
        Object protocol = config.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        if ((protocol == null || "classic".equalsIgnoreCase(protocol.toString()))
                && !config.containsKey(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG)) {
            // a topic attached or detached moves only its own partitions; the others keep flowing and
            // keep their unacked messages (the eager default revokes everything at each rebalance).
            // Given as a class, not a name: Kafka would look the name up in the context class loader.
            config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class));
        }
        if (Boolean.parseBoolean(String.valueOf(config.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)))) {
            LOG.warn("Kafka consumer of group '{}': ignoring enable.auto.commit=true: the driver commits what was acked", group);
        }
        // an automatic commit would commit what was received and not acked: it could lose messages
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        return withIdentity(config, "consumer-" + group);
    }

    Map<String, Object> adminConfig(KeyValue attributes) {
        return withIdentity(merge(new HashMap<>(), attributes, AdminClientConfig.configNames(), ADMIN_PREFIX), "admin");
    }

    /** The driver's defaults, then the plain keys the client knows, then the client's prefixed keys. */
    private static Map<String, Object> merge(Map<String, Object> defaults, KeyValue attributes, Set<String> known, String prefix) {
        Map<String, Object> config = new HashMap<>(defaults);
        for (String key : attributes.keySet()) {
            if (known.contains(key)) {
                config.put(key, attributes.getString(key));
            }
        }
        for (String key : attributes.keySet()) {
            if (key.startsWith(prefix)) {
                config.put(key.substring(prefix.length()), attributes.getString(key));
            }
        }
        return config;
    }

    /**
     * The bootstrap servers of the URL and a client id unique in this JVM (Kafka registers each client's
     * metrics under it): {@code omsconnect-<kind>-<n>}, or the given {@code client.id} with that suffix.
     */
    private Map<String, Object> withIdentity(Map<String, Object> config, String kind) {
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Object given = config.get(CommonClientConfigs.CLIENT_ID_CONFIG);
        String base = given == null || given.toString().isBlank() ? "omsconnect" : given.toString();
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, base + "-" + kind + "-" + CLIENTS.incrementAndGet());
        return config;
    }

    private <T> T create(String what, Supplier<T> constructor) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaClients.class.getClassLoader());
        try {
            return constructor.get();
        } catch (KafkaException e) {
            throw new OMSRuntimeException("-1", "Cannot create the Kafka " + what + " for " + bootstrapServers + ": "
                    + KafkaErrors.reason(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static boolean isKnown(String key) {
        return DRIVER_KEYS.contains(key) || isOmsKey(key)
                || ProducerConfig.configNames().contains(key) || ConsumerConfig.configNames().contains(key)
                || AdminClientConfig.configNames().contains(key)
                || key.startsWith(PRODUCER_PREFIX) || key.startsWith(CONSUMER_PREFIX) || key.startsWith(ADMIN_PREFIX);
    }

    /** OMS's own keys (ACCESS_POINTS, CONSUMER_ID, OPERATION_TIMEOUT …) are upper case. */
    private static boolean isOmsKey(String key) {
        return key.equals(key.toUpperCase(Locale.ROOT));
    }

    /** {@code host:port[,host:port…]}, each port a number; IPv6 hosts in brackets. */
    static String bootstrapServers(String accessPoints) {
        if (accessPoints == null || accessPoints.isBlank()) {
            throw new OMSRuntimeException("-1", "The Kafka driver needs bootstrap servers: oms:kafka://host:port[,host:port]/<namespace>");
        }
        for (String server : accessPoints.split(",")) {
            String address = server.trim();
            int colon = address.lastIndexOf(':');
            boolean valid = colon > 0 && colon < address.length() - 1;
            if (valid) {
                try {
                    int port = Integer.parseInt(address.substring(colon + 1));
                    valid = port > 0 && port < 65536;
                } catch (NumberFormatException e) {
                    valid = false;
                }
            }
            if (!valid) {
                throw new OMSRuntimeException("-1", "Not a Kafka bootstrap server (host:port): '" + address + "' in '" + accessPoints + "'");
            }
        }
        return accessPoints.replace(" ", "");
    }
}
