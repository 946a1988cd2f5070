package io.openmessaging.omsconnect.it;

import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Kafka Connect 4.x standalone worker in this JVM (its own {@code ConnectStandalone} start-up, REST server
 * and herder), for comparing its REST answers with ours. It runs without a Kafka broker: nothing it is driven with
 * needs one (its source files are empty and its sinks only subscribe), and the one start-up step that asks a broker
 * — the cluster id — is given here. Its FileStream connectors come from {@code connect-file}, found by their
 * service manifests.
 */
final class InProcessKafkaConnect implements AutoCloseable {
    static final String CLUSTER_ID = "differential-kafka-cluster";
    private final Connect<StandaloneHerder> connect;

    private InProcessKafkaConnect(Connect<StandaloneHerder> connect) {
        this.connect = connect;
    }

    static InProcessKafkaConnect start(Path dir) {
        // a failed start would otherwise end the test JVM
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka Connect wanted to exit with " + code + ": " + message);
        });
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "127.0.0.1:9"); // never reached: see the class comment
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.storage.file.filename", dir.resolve("kafka-connect.offsets").toString());
        props.put("offset.flush.interval.ms", "500");
        props.put("listeners", "http://127.0.0.1:0");
        props.put("plugin.discovery", "service_load");
        props.put("producer.max.block.ms", "1000");
        props.put("consumer.reconnect.backoff.max.ms", "10000");
        ConnectStandalone cli = new ConnectStandalone() {
            @Override
            protected StandaloneConfig createConfig(Map<String, String> workerProps) {
                return new StandaloneConfig(workerProps) {
                    @Override
                    public String kafkaClusterId() {
                        return CLUSTER_ID;
                    }
                };
            }
        };
        Connect<StandaloneHerder> connect = cli.startConnect(props);
        cli.processExtraArgs(connect, new String[0]); // no connector files: this marks the herder ready (/health)
        return new InProcessKafkaConnect(connect);
    }

    /** Its REST base URL, without the trailing slash. */
    String url() {
        String url = connect.rest().advertisedUrl().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public void close() {
        connect.stop();
        Exit.resetExitProcedure();
    }
}
