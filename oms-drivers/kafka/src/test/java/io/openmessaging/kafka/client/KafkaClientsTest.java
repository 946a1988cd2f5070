package io.openmessaging.kafka.client;

import io.openmessaging.KeyValue;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.internal.DefaultKeyValue;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaClientsTest {

    @Test
    void theProducerIsIdempotentWithAcksFromAllReplicasUnlessTheUrlSaysOtherwise() {
        Map<String, Object> defaults = clients("b1:9092,b2:9092").producerConfig(attributes("b1:9092,b2:9092"));
        assertEquals("all", defaults.get("acks"));
        assertEquals(true, defaults.get("enable.idempotence"));
        assertEquals("b1:9092,b2:9092", defaults.get("bootstrap.servers"));
        Map<String, Object> overridden = clients("b:1").producerConfig(attributes("b:1").put("linger.ms", "20").put("compression.type", "zstd"));
        assertEquals("20", overridden.get("linger.ms"));
        assertEquals("zstd", overridden.get("compression.type"));
    }

    @Test
    void eachClientGetsTheKeysItKnowsAndItsPrefixedOnesWin() {
        KeyValue attributes = attributes("b:1").put("acks", "1").put("max.poll.records", "50").put("security.protocol", "PLAINTEXT")
                .put("producer.security.protocol", "SSL").put("consumer.fetch.min.bytes", "1024");
        KafkaClients clients = clients("b:1");
        Map<String, Object> producer = clients.producerConfig(attributes);
        Map<String, Object> consumer = clients.consumerConfig("g", attributes);
        Map<String, Object> admin = clients.adminConfig(attributes);
        assertEquals("1", producer.get("acks"));
        assertFalse(producer.containsKey("max.poll.records"));
        assertEquals("SSL", producer.get("security.protocol"));
        assertEquals("50", consumer.get("max.poll.records"));
        assertFalse(consumer.containsKey("acks"));
        assertEquals("PLAINTEXT", consumer.get("security.protocol"));
        assertEquals("1024", consumer.get("fetch.min.bytes"));
        assertEquals("PLAINTEXT", admin.get("security.protocol"));
        assertFalse(admin.containsKey("fetch.min.bytes"));
    }

    @Test
    void theConsumerCommitsOnlyWhatWasAckedInItsGroupAndReadsNewGroupsFromTheStart() {
        Map<String, Object> consumer = clients("b:1").consumerConfig("sink-1",
                attributes("b:1").put("enable.auto.commit", "true").put("group.id", "other"));
        assertEquals(false, consumer.get("enable.auto.commit"));
        assertEquals("sink-1", consumer.get("group.id"));
        assertEquals("earliest", consumer.get("auto.offset.reset"));
        assertEquals(List.of(CooperativeStickyAssignor.class), consumer.get("partition.assignment.strategy"));
    }

    @Test
    void theNewGroupProtocolGetsNoAssignorItWouldRefuse() {
        Map<String, Object> consumer = clients("b:1").consumerConfig("g", attributes("b:1").put("group.protocol", "consumer"));
        assertFalse(consumer.containsKey("partition.assignment.strategy"));
        Map<String, Object> ranged = clients("b:1").consumerConfig("g", attributes("b:1")
                .put("partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor"));
        assertEquals("org.apache.kafka.clients.consumer.RangeAssignor", ranged.get("partition.assignment.strategy"));
    }

    @Test
    void clientIdsAreUniqueAndKeepAGivenOne() {
        KafkaClients clients = clients("b:1");
        Object first = clients.producerConfig(attributes("b:1")).get("client.id");
        Object second = clients.producerConfig(attributes("b:1")).get("client.id");
        assertNotEquals(first, second);
        assertTrue(first.toString().startsWith("omsconnect-producer-"), first.toString());
        assertTrue(clients.consumerConfig("g", attributes("b:1").put("client.id", "billing")).get("client.id").toString()
                .startsWith("billing-consumer-g-"));
    }

    @Test
    void bootstrapServersMustBeHostsAndPorts() {
        assertEquals("[::1]:9092,kafka-2:9093", KafkaClients.bootstrapServers("[::1]:9092, kafka-2:9093"));
        for (String bad : new String[] {"", "kafka", "kafka:", "kafka:port", "kafka:70000", "a:1,,b:2"}) {
            assertThrows(OMSRuntimeException.class, () -> KafkaClients.bootstrapServers(bad), bad);
        }
        assertThrows(OMSRuntimeException.class, () -> new KafkaClients(new DefaultKeyValue()));
    }

    private static KafkaClients clients(String servers) {
        return new KafkaClients(attributes(servers));
    }

    private static KeyValue attributes(String servers) {
        return new DefaultKeyValue().put(OMSBuiltinKeys.ACCESS_POINTS, servers).put(OMSBuiltinKeys.REGION, "default");
    }
}
