package io.openmessaging.local.consumer;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.local.lifecycle.ServiceGuard;
import io.openmessaging.local.message.MessageCodec;
import io.openmessaging.local.message.MessageId;
import io.openmessaging.local.store.AppendSignal;
import io.openmessaging.local.store.GroupCursor;
import io.openmessaging.local.store.RecordDecoder;
import io.openmessaging.local.store.Store;
import io.openmessaging.consumer.PullConsumer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pulls for one consumer group ({@code CONSUMER_ID}, required). Every group receives every
 * message; consumers of one group share the group's position, so each message goes to one of
 * them. Attached queues are served round robin. Delivery is at-least-once: the group's committed
 * offset (below which every message is acked) is persisted every {@code offset.flush.interval.ms},
 * on shutdown, and at once on {@code ack(handle, {PERSIST_OFFSETS=true})}; unacked messages are
 * delivered again after a restart, or when a consumer of the group shuts down or detaches.
 */
public final class LocalPullConsumer implements PullConsumer {

    /** ack(handle, attributes) with this key set to {@code true} persists the group's offsets at once. */
    public static final String PERSIST_OFFSETS = "PERSIST_OFFSETS";
    /** attachQueue attribute: the offset (a message's QUEUE_OFFSET) the group reads the queue from. */
    public static final String QUEUE_OFFSET = MessageCodec.QUEUE_OFFSET;
    /** How long {@code receive()} waits when neither call nor consumer attributes give a TIMEOUT. */
    public static final long DEFAULT_TIMEOUT_MS = 3000;

    private static final RecordDecoder<Message> DECODER = MessageCodec::decode;

    private final Store store;
    private final KeyValue attributes;
    private final String group;
    private final ServiceGuard guard;
    private final List<GroupCursor> cursors = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    public LocalPullConsumer(Store store, KeyValue attributes) {
        this.store = store;
        this.attributes = attributes;
        this.group = attributes == null ? null : attributes.getString(OMSBuiltinKeys.CONSUMER_ID);
        if (group == null || group.isEmpty()) {
            throw new OMSRuntimeException("-1", "an oms:local pull consumer needs CONSUMER_ID (its consumer group)");
        }
        this.guard = new ServiceGuard("oms:local consumer of group " + group, store);
    }

    @Override
    public KeyValue attributes() {
        return attributes;
    }

    @Override
    public void startup() {
        guard.check();
    }

    /** Hands unacked messages back to the group and persists its offsets. */
    @Override
    public void shutdown() {
        if (!guard.close()) {
            return;
        }
        for (GroupCursor cursor : cursors) {
            cursor.leave();
        }
        cursors.clear();
        if (!store.isClosed()) {
            store.persistOffsets();
        }
    }

    @Override
    public PullConsumer attachQueue(String queue) {
        return attachQueue(queue, null);
    }

    /**
     * Reads {@code queue} too; with attribute {@value #QUEUE_OFFSET} (attached already or not), the group reads
     * it from that offset on, as {@link GroupCursor#seek} says: the sink worker's {@code resetOffset}.
     */
    @Override
    public synchronized PullConsumer attachQueue(String queue, KeyValue attributes) {
        guard.check();
        GroupCursor attached = null;
        for (GroupCursor cursor : cursors) {
            if (cursor.queue().equals(queue)) {
                attached = cursor;
            }
        }
        if (attached == null) {
            attached = store.cursor(group, queue);
            cursors.add(attached);
        }
        if (attributes != null && attributes.containsKey(QUEUE_OFFSET)) {
            attached.seek(attributes.getLong(QUEUE_OFFSET));
        }
        return this;
    }

    @Override
    public synchronized PullConsumer detachQueue(String queue) {
        guard.check();
        for (GroupCursor cursor : cursors) {
            if (cursor.queue().equals(queue)) {
                cursors.remove(cursor);
                cursor.leave();
            }
        }
        return this;
    }

    @Override
    public Message receive() {
        return receive((KeyValue) null);
    }

    /**
     * The next message of an attached queue, waiting up to {@code TIMEOUT} ms (of the call, else of the
     * consumer's attributes, else {@value #DEFAULT_TIMEOUT_MS}); null if none came.
     */
    @Override
    public Message receive(KeyValue properties) {
        guard.check();
        AppendSignal signal = store.signal();
        long seen = signal.version();
        Message message = pollOnce();
        if (message != null) {
            return message; // the common case while a consumer keeps up: no timeout parsed, no clock read, no wait
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis(properties)));
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || Thread.currentThread().isInterrupted()) {
                return null;
            }
            signal.awaitChange(seen, remaining);
            guard.check();
            seen = signal.version();
            message = pollOnce();
            if (message != null) {
                return message;
            }
        }
    }

    private long timeoutMillis(KeyValue properties) {
        if (properties != null && properties.containsKey(Message.BuiltinKeys.TIMEOUT)) {
            return properties.getLong(Message.BuiltinKeys.TIMEOUT);
        }
        return attributes.containsKey(Message.BuiltinKeys.TIMEOUT) ? attributes.getLong(Message.BuiltinKeys.TIMEOUT) : DEFAULT_TIMEOUT_MS;
    }

    private Message pollOnce() {
        List<GroupCursor> attached = cursors;
        int size = attached.size();
        if (size == 0) {
            return null;
        }
        int start = Math.floorMod(next.get(), size);
        for (int i = 0; i < size; i++) {
            int index = (start + i) % size;
            GroupCursor cursor;
            try {
                cursor = attached.get(index);
            } catch (IndexOutOfBoundsException detachedMeanwhile) {
                return null;
            }
            Message message = cursor.poll(DECODER);
            if (message != null) {
                next.set(index + 1);
                return message;
            }
        }
        return null;
    }

    /** Acknowledges a message by its RECEIPT_HANDLE; unknown or already-acked handles are ignored. */
    @Override
    public void ack(String receiptHandle) {
        guard.check();
        int at = MessageId.separator(receiptHandle);
        cursorOf(receiptHandle, at).ack(MessageId.offset(receiptHandle, at));
    }

    /** Like {@link #ack(String)}; with {@link #PERSIST_OFFSETS}=true the offsets are persisted before it returns. */
    @Override
    public void ack(String receiptHandle, KeyValue properties) {
        ack(receiptHandle);
        if (properties != null && "true".equalsIgnoreCase(properties.getString(PERSIST_OFFSETS))) {
            store.persistOffsets();
        }
    }

    /**
     * The group's cursor on the queue an id names ({@code id[0, queueLength)}): usually an attached one,
     * found without cutting the name out of the id or touching the store's map.
     */
    private GroupCursor cursorOf(String id, int queueLength) {
        for (GroupCursor cursor : cursors) {
            String queue = cursor.queue();
            if (queue.length() == queueLength && id.startsWith(queue)) {
                return cursor;
            }
        }
        return store.cursor(group, id.substring(0, queueLength));
    }

    /** Persists the committed offsets of every group now. */
    public void persistOffsets() {
        guard.check();
        store.persistOffsets();
    }
}
