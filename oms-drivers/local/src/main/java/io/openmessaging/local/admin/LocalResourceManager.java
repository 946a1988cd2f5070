package io.openmessaging.local.admin;

import io.openmessaging.KeyValue;
import io.openmessaging.exception.OMSResourceNotExistException;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.local.store.QueueLog;
import io.openmessaging.local.store.Store;
import io.openmessaging.omsconnect.driversupport.resource.QueueResourceManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Queues of the access point's namespace, and namespaces as sibling folders of the data directory.
 * Queue operations act on the access point's own namespace (the OMS API names no namespace for
 * them). Routings, streams, attribute changes and message updates are not supported.
 */
public final class LocalResourceManager extends QueueResourceManager {

    private static final String QUEUES_DIR = "queues";

    private final Store store;

    public LocalResourceManager(Store store) {
        super("local", "a queue's log is append-only");
        this.store = store;
    }

    /** Creates the folder of a namespace; an access point opens it with {@code oms:local://<dir>/<namespace>}. */
    @Override
    public void createNamespace(String namespace, KeyValue attributes) {
        try {
            Files.createDirectories(namespaceDir(namespace).resolve(QUEUES_DIR));
        } catch (IOException e) {
            throw new OMSRuntimeException("-1", "cannot create namespace " + namespace + ": " + e, e);
        }
    }

    @Override
    public void setNamespaceAttributes(String namespace, KeyValue attributes) {
        throw unsupported("namespace attributes");
    }

    @Override
    public KeyValue getNamespaceAttributes(String namespace) throws OMSResourceNotExistException {
        Path dir = existingNamespace(namespace);
        KeyValue attributes = new DefaultKeyValue();
        attributes.put("path", dir.toString());
        return attributes;
    }

    /** Deletes an empty namespace that is not this access point's. */
    @Override
    public void deleteNamespace(String namespace) throws OMSResourceNotExistException {
        Path dir = existingNamespace(namespace);
        if (namespace.equals(store.config().namespace())) {
            throw new OMSRuntimeException("-1", "namespace " + namespace + " is open by this access point");
        }
        if (!queueFolders(dir.resolve(QUEUES_DIR)).isEmpty()) {
            throw new OMSRuntimeException("-1", "namespace " + namespace + " still holds queues");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new OMSRuntimeException("-1", "cannot delete namespace " + namespace + ": " + e, e);
        }
    }

    @Override
    public List<String> listNamespaces() {
        List<String> names = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(dataDir())) {
            for (Path dir : dirs.toList()) {
                if (Files.isDirectory(dir.resolve(QUEUES_DIR))) {
                    names.add(dir.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new OMSRuntimeException("-1", "cannot list namespaces in " + dataDir() + ": " + e, e);
        }
        names.sort(null);
        return names;
    }

    /** Creates the queue in this access point's namespace; creating an existing queue does nothing. */
    @Override
    public void createQueue(String queue, KeyValue attributes) {
        store.createQueue(queue);
    }

    @Override
    public void setQueueAttributes(String queue, KeyValue attributes) {
        throw unsupported("queue attributes");
    }

    /** {@code queue.name}, {@code start.offset}, {@code end.offset} (bytes), {@code segments}. */
    @Override
    public KeyValue getQueueAttributes(String queue) throws OMSResourceNotExistException {
        QueueLog log = existingQueue(queue);
        KeyValue attributes = new DefaultKeyValue();
        attributes.put("queue.name", queue);
        attributes.put("start.offset", log.startOffset());
        attributes.put("end.offset", log.endOffset());
        attributes.put("segments", log.segmentCount());
        return attributes;
    }

    /** Deletes the queue, its messages and every group's offsets on it. */
    @Override
    public void deleteQueue(String queue) throws OMSResourceNotExistException {
        if (!store.deleteQueue(queue)) {
            throw new OMSResourceNotExistException("-1", "no queue " + queue);
        }
    }

    @Override
    public List<String> listQueues(String namespace) throws OMSResourceNotExistException {
        if (namespace == null || namespace.equals(store.config().namespace())) {
            return store.queueNames();
        }
        return queueFolders(existingNamespace(namespace).resolve(QUEUES_DIR));
    }

    private QueueLog existingQueue(String queue) throws OMSResourceNotExistException {
        QueueLog log = store.queue(queue);
        if (log == null) {
            throw new OMSResourceNotExistException("-1", "no queue " + queue);
        }
        return log;
    }

    private Path existingNamespace(String namespace) throws OMSResourceNotExistException {
        Path dir = namespaceDir(namespace);
        if (!Files.isDirectory(dir.resolve(QUEUES_DIR))) {
            throw new OMSResourceNotExistException("-1", "no namespace " + namespace + " in " + dataDir());
        }
        return dir;
    }

    private Path dataDir() {
        return store.config().directory().getParent();
    }

    private Path namespaceDir(String namespace) {
        if (namespace == null || namespace.isEmpty() || namespace.contains("/") || namespace.contains("\\")
            || namespace.equals(".") || namespace.equals("..")) {
            throw new OMSRuntimeException("-1", "not a namespace name: '" + namespace + "'");
        }
        return dataDir().resolve(namespace);
    }

    private static List<String> queueFolders(Path queuesDir) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(queuesDir)) {
            return names;
        }
        try (Stream<Path> dirs = Files.list(queuesDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                names.add(Store.queueName(dir));
            }
        } catch (IOException e) {
            throw new OMSRuntimeException("-1", "cannot list " + queuesDir + ": " + e, e);
        }
        names.sort(null);
        return names;
    }
}
