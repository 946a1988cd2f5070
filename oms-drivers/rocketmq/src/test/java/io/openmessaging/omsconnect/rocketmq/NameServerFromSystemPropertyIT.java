package io.openmessaging.omsconnect.rocketmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.rocketmq.plugin.DriverPlugin;
import io.openmessaging.omsconnect.rocketmq.testserver.EmbeddedRocketMq;
import io.openmessaging.producer.Producer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The driver's other way to its name server: without OMS_RMQ_DIRECT_NAME_SRV (the build runs this
 * class in a JVM without it) it ignores ACCESS_POINTS and the RocketMQ client reads the JVM-wide
 * system property rocketmq.namesrv.addr when each producer or consumer is created.
 */
class NameServerFromSystemPropertyIT {

    @Test
    void clientsFindTheNameServerFromTheSystemProperty() throws Exception {
        assertNotEquals("true", System.getenv("OMS_RMQ_DIRECT_NAME_SRV"), "this test must run without the variable");
        try (EmbeddedRocketMq mq = EmbeddedRocketMq.start();
             DriverPlugin plugin = DriverPlugin.open(Path.of(System.getProperty("omsconnect.pluginZip")))) {
            System.setProperty("rocketmq.namesrv.addr", mq.nameServerAddress());
            mq.createTopic("by-property", 1);
            // ACCESS_POINTS is not used on this path: a wrong one changes nothing
            MessagingAccessPoint point = plugin.accessPoint("rocketmq", "203.0.113.1:9876", "default", new DefaultKeyValue());
            Producer producer = plugin.call(() -> point.createProducer(new DefaultKeyValue()));
            plugin.run(producer::startup);
            plugin.call(() -> producer.send(producer.createBytesMessage("by-property",
                    "found".getBytes(StandardCharsets.UTF_8))));

            KeyValue properties = new DefaultKeyValue();
            properties.put(OMSBuiltinKeys.CONSUMER_ID, "group-property");
            PullConsumer consumer = plugin.call(() -> point.createPullConsumer(properties));
            plugin.run(() -> consumer.attachQueue("by-property"));
            plugin.run(consumer::startup);
            KeyValue timeout = new DefaultKeyValue();
            // a cold client may wait for its first rebalance (every 20 s) before it owns a queue
            timeout.put(Message.BuiltinKeys.TIMEOUT, 60_000);
            Message received = plugin.call(() -> consumer.receive(timeout));
            assertEquals("found", new String(received.getBody(byte[].class), StandardCharsets.UTF_8));
            plugin.run(consumer::shutdown);
            plugin.run(producer::shutdown);
        } finally {
            System.clearProperty("rocketmq.namesrv.addr");
        }
    }
}
