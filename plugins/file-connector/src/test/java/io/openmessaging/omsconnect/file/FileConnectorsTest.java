package io.openmessaging.omsconnect.file;

import static io.openmessaging.omsconnect.file.TestFiles.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.component.connector.Connector;
import io.openmessaging.connector.api.component.task.sink.SinkConnector;
import io.openmessaging.connector.api.component.task.source.SourceConnector;
import io.openmessaging.connector.api.errors.ConnectException;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileConnectorsTest {

    private static String validationError(Connector connector, KeyValue config) {
        return assertThrows(ConnectException.class, () -> connector.validate(config)).getMessage();
    }

    @Test
    void sourceValidationNamesTheMissingOrInvalidKey() {
        FileSourceConnector source = new FileSourceConnector();
        assertTrue(validationError(source, config("connect-topicname", "t")).contains("'file'"));
        assertTrue(validationError(source, config("file", "in.txt")).contains("'connect-topicname'"));
        assertTrue(validationError(source, config("file", " ", "topic", "t")).contains("'file'"));
        assertTrue(validationError(source, config("file", "in.txt", "topic", "t", "batch-size", "0")).contains("'batch-size'"));
        assertTrue(validationError(source, config("file", "in.txt", "topic", "t", "batch-size", "many")).contains("'batch-size'"));
    }

    @Test
    void sinkValidationNamesTheMissingOrInvalidKey() {
        FileSinkConnector sink = new FileSinkConnector();
        assertTrue(validationError(sink, config("connect-topicnames", "t")).contains("'file'"));
        assertTrue(validationError(sink, config("file", "out.txt")).contains("'connect-topicnames'"));
        assertTrue(validationError(sink, config("file", "out.txt", "topics", " , ")).contains("'topics'"), "the key as the caller spelled it");
        assertTrue(validationError(sink, config("file", "out.txt", "topics", "t", "fsync", "yes")).contains("'fsync'"));
    }

    @Test
    void aDirectoryIsNotAFile(@TempDir Path dir) {
        assertTrue(validationError(new FileSourceConnector(), config("file", dir.toString(), "topic", "t")).contains("'file'"));
        assertTrue(validationError(new FileSinkConnector(), config("file", dir.toString(), "topics", "t")).contains("'file'"));
    }

    @ParameterizedTest
    @CsvSource({"connect-topicname", "connect.topicname", "topic"})
    void sourceAcceptsEveryTopicKey(String key) {
        assertEquals("t", SourceConfig.from(config("file", "in.txt", key, "t")).topic());
    }

    @ParameterizedTest
    @CsvSource({"connect-topicnames", "connect.topicnames", "topics"})
    void sinkAcceptsEveryTopicsKey(String key) {
        assertEquals(List.of("a", "b"), SinkConfig.from(config("file", "out.txt", key, "a, b,")).topics());
    }

    @Test
    void sourceGivesOneTaskWithACopyOfItsConfig() {
        FileSourceConnector source = new FileSourceConnector();
        KeyValue config = config("file", "in.txt", "connect-topicname", "t", "custom", "kept");
        source.validate(config);
        source.start(config);

        List<KeyValue> tasks = source.taskConfigs(8);
        assertEquals(1, tasks.size());
        assertNotSame(config, tasks.get(0));
        assertEquals(config.keySet(), tasks.get(0).keySet());
        assertEquals("kept", tasks.get(0).getString("custom"));
        assertEquals(FileSourceTask.class, source.taskClass());
    }

    @Test
    void sinkGivesOneTaskWithACopyOfItsConfig() {
        FileSinkConnector sink = new FileSinkConnector();
        KeyValue config = config("file", "out.txt", "connect-topicnames", "a,b");
        sink.start(config);

        List<KeyValue> tasks = sink.taskConfigs(3);
        assertEquals(1, tasks.size());
        assertEquals("a,b", tasks.get(0).getString("connect-topicnames"));
        assertEquals(FileSinkTask.class, sink.taskClass());
    }

    @Test
    void connectorsAreListedAsServices() {
        assertTrue(ServiceLoader.load(SourceConnector.class).stream()
            .anyMatch(provider -> provider.type() == FileSourceConnector.class));
        assertTrue(ServiceLoader.load(SinkConnector.class).stream()
            .anyMatch(provider -> provider.type() == FileSinkConnector.class));
    }
}
