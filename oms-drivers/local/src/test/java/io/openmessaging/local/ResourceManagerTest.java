package io.openmessaging.local;

import static io.openmessaging.local.LocalDriverFixture.bytes;
import static io.openmessaging.local.LocalDriverFixture.consumer;
import static io.openmessaging.local.LocalDriverFixture.drain;
import static io.openmessaging.local.LocalDriverFixture.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.ResourceManager;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.exception.OMSResourceNotExistException;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.producer.Producer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceManagerTest {

    @TempDir
    Path dir;
    private MessagingAccessPoint mq;
    private ResourceManager resources;

    @BeforeEach
    void openStore() {
        mq = open(dir);
        resources = mq.resourceManager();
    }

    @AfterEach
    void closeStore() {
        mq.shutdown();
    }

    @Test
    void queuesAreCreatedListedDescribedAndDeleted() throws Exception {
        resources.createQueue("b", null);
        resources.createQueue("a/with space", null);
        resources.createQueue("b", null); // again: nothing happens
        assertEquals(List.of("a/with space", "b"), resources.listQueues("default"));

        Producer producer = mq.createProducer();
        producer.send(producer.createBytesMessage("b", bytes("x")));
        assertTrue(resources.getQueueAttributes("b").getLong("end.offset") > 0);
        assertEquals(1, resources.getQueueAttributes("b").getInt("segments"));

        resources.deleteQueue("b");
        assertEquals(List.of("a/with space"), resources.listQueues("default"));
        assertThrows(OMSResourceNotExistException.class, () -> resources.deleteQueue("b"));
        assertThrows(OMSResourceNotExistException.class, () -> resources.getQueueAttributes("b"));
    }

    @Test
    void queueNamesSurviveReopen() throws Exception {
        resources.createQueue("topic:with/odd..chars", null);
        mq.shutdown();
        mq = open(dir);
        assertEquals(List.of("topic:with/odd..chars"), mq.resourceManager().listQueues("default"));
    }

    @Test
    void sendingToAnUnknownQueueCreatesIt() throws Exception {
        Producer producer = mq.createProducer();
        producer.send(producer.createBytesMessage("auto", bytes("x")));
        assertEquals(List.of("auto"), resources.listQueues("default"));
    }

    @Test
    void aDeletedQueueStartsOverForItsConsumers() throws Exception {
        Producer producer = mq.createProducer();
        producer.send(producer.createBytesMessage("q", bytes("old")));
        assertEquals(List.of("old"), drain(consumer(mq, "g", "q"), true));
        resources.deleteQueue("q");
        producer.send(producer.createBytesMessage("q", bytes("new")));
        assertEquals(List.of("new"), drain(consumer(mq, "g", "q"), true));
    }

    @Test
    void namespacesAreSiblingFolders() throws Exception {
        assertEquals(List.of("default"), resources.listNamespaces());
        resources.createNamespace("other", null);
        assertEquals(List.of("default", "other"), resources.listNamespaces());
        assertEquals(List.of(), resources.listQueues("other"));
        assertThrows(OMSRuntimeException.class, () -> resources.deleteNamespace("default"));
        resources.deleteNamespace("other");
        assertFalse(resources.listNamespaces().contains("other"));
        assertThrows(OMSResourceNotExistException.class, () -> resources.listQueues("other"));
    }

    @Test
    void routingsAndStreamsAreNotSupported() {
        assertThrows(OMSNotSupportedException.class, () -> resources.createRouting("r", null));
        assertThrows(OMSNotSupportedException.class, () -> resources.listStreams("q"));
        assertThrows(OMSNotSupportedException.class, () -> mq.createPushConsumer());
    }
}
