package io.openmessaging.local;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.producer.Producer;
import io.openmessaging.internal.DefaultKeyValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opens access points the way the host does, and reads queues dry. */
final class LocalDriverFixture {

    private LocalDriverFixture() {
    }

    /** An access point on {@code <dir>/mq/default}, with URL query options such as {@code segment.bytes=4096}. */
    static MessagingAccessPoint open(Path dir, String... options) {
        String url = "oms:local://" + dir.resolve("mq").toAbsolutePath() + "/default" + (options.length == 0 ? "" : "?" + String.join("&", options));
        KeyValue attributes = new DefaultKeyValue();
        attributes.put(OMSBuiltinKeys.DRIVER_IMPL, MessagingAccessPointImpl.class.getName());
        attributes.put(OMSBuiltinKeys.ACCESS_POINTS, dir.resolve("mq").toAbsolutePath().toString());
        attributes.put(OMSBuiltinKeys.REGION, "default");
        attributes.put("OMS_DRIVER_URL", url);
        MessagingAccessPoint accessPoint = new MessagingAccessPointImpl(attributes);
        accessPoint.startup();
        return accessPoint;
    }

    static PullConsumer consumer(MessagingAccessPoint accessPoint, String group, String... queues) {
        KeyValue properties = new DefaultKeyValue();
        properties.put(OMSBuiltinKeys.CONSUMER_ID, group);
        PullConsumer consumer = accessPoint.createPullConsumer(properties);
        consumer.startup();
        for (String queue : queues) {
            consumer.attachQueue(queue);
        }
        return consumer;
    }

    static KeyValue timeout(long millis) {
        KeyValue properties = new DefaultKeyValue();
        properties.put(Message.BuiltinKeys.TIMEOUT, millis);
        return properties;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(Message message) {
        return new String(message.getBody(byte[].class), StandardCharsets.UTF_8);
    }

    /** Receives until a receive times out; acks every message when {@code ack}. */
    static List<String> drain(PullConsumer consumer, boolean ack) {
        List<String> bodies = new ArrayList<>();
        Message message;
        while ((message = consumer.receive(timeout(200))) != null) {
            bodies.add(text(message));
            if (ack) {
                consumer.ack(message.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
            }
        }
        return bodies;
    }

    /** Sends each text as a message to {@code queue}, synchronously. */
    static void sendAll(Producer producer, String queue, List<String> texts) {
        for (String text : texts) {
            producer.send(producer.createBytesMessage(queue, bytes(text)));
        }
    }

    static List<String> numbered(String prefix, int from, int to) {
        List<String> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            list.add(prefix + i);
        }
        return list;
    }
}
