package io.openmessaging.local.store;

import io.openmessaging.local.config.FsyncPolicy;
import io.openmessaging.local.config.LocalDriverConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of one queue: a sequence of append-only segment files, with group commit.
 *
 * <p>Appends are framed into an in-memory buffer under {@code appendLock}; a flush swaps that
 * buffer out and writes it with one positional write under {@code ioLock}, so appenders keep
 * filling the other buffer while the write runs. A synchronous append flushes before it returns
 * (its record is then in the OS); an asynchronous append asks the store's I/O thread to flush and
 * its listener hears back after the write, so concurrent async appends share one write. Records
 * that do not fit the buffer, batches and segment roll-overs take the slow path, which holds both
 * locks. Lock order: {@code ioLock} before {@code appendLock}.
 */
public final class QueueLog {

    private static final Logger LOG = LoggerFactory.getLogger(QueueLog.class);

    private final String name;
    private final Path dir;
    private final long segmentBytes;
    private final FsyncPolicy fsync;
    private final AppendSignal signal;
    private final Executor flusher;
    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private final ReentrantLock ioLock = new ReentrantLock();
    private final ReentrantLock appendLock = new ReentrantLock();
    private final AtomicBoolean dirty = new AtomicBoolean();

    // guarded by appendLock
    private final CRC32C crc = new CRC32C();
    private ByteBuffer active;
    private List<PendingWrite> activeListeners = new ArrayList<>();
    private Segment appendSegment;
    private long appendEnd;
    private boolean flushScheduled;
    private String unusableReason;
    private volatile boolean deleted;

    // guarded by ioLock
    private ByteBuffer spare;

    private record PendingWrite(WriteListener listener, long offset) {
    }

    private QueueLog(String name, Path dir, LocalDriverConfig config, AppendSignal signal, Executor flusher) {
        this.name = name;
        this.dir = dir;
        this.segmentBytes = config.segmentBytes();
        this.fsync = config.fsync();
        this.signal = signal;
        this.flusher = flusher;
        this.active = ByteBuffer.allocateDirect(config.writeBufferBytes());
        this.spare = ByteBuffer.allocateDirect(config.writeBufferBytes());
    }

    /**
     * Opens (or creates) the queue in {@code dir}. The last segment is scanned record by record and
     * cut at the first torn or corrupt record, which is what a crash in the middle of a write leaves.
     */
    static QueueLog open(String name, Path dir, LocalDriverConfig config, AppendSignal signal, Executor flusher) throws IOException {
        Files.createDirectories(dir);
        QueueLog log = new QueueLog(name, dir, config, signal, flusher);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Segment::isSegment).sorted(Comparator.comparingLong(Segment::baseOf)).toList();
        }
        for (Path file : files) {
            Segment segment = Segment.open(file);
            log.segments.put(segment.base(), segment);
        }
        if (log.segments.isEmpty()) {
            Segment first = Segment.create(dir, 0);
            log.segments.put(0L, first);
        }
        Segment tail = log.segments.lastEntry().getValue();
        recoverTail(name, tail);
        log.appendSegment = tail;
        log.appendEnd = tail.size();
        return log;
    }

    private static void recoverTail(String queue, Segment tail) throws IOException {
        long fileSize = tail.fileSize();
        RecordBuffer records = new RecordBuffer();
        long position = 0;
        try {
            while (records.next(tail, position, fileSize) != null) {
                position += records.lastRecordBytes();
            }
        } catch (CorruptRecordException e) {
            LOG.warn("Queue {}: cutting {} bytes off the end of {} ({})", queue, fileSize - position, tail.file(), e.getMessage());
            tail.truncate(position);
        }
        tail.publish(position);
    }

    public String name() {
        return name;
    }

    /** Appends one record and returns once it is written to the OS (and forced, with fsync=always). */
    public long append(Payload payload) {
        long offset = -1;
        appendLock.lock();
        try {
            checkUsable();
            int framed = RecordFormat.HEADER_BYTES + payload.size();
            if (fitsBuffer(framed)) {
                offset = bufferLocked(active, payload, framed);
            }
        } finally {
            appendLock.unlock();
        }
        if (offset < 0) {
            return appendSlow(List.of(payload))[0];
        }
        flush();
        return offset;
    }

    /**
     * Appends one record; {@code listener} hears when it is written to the OS. Records appended
     * meanwhile by any thread are written together.
     */
    public void appendAsync(Payload payload, WriteListener listener) {
        boolean schedule = false;
        boolean buffered = false;
        appendLock.lock();
        try {
            checkUsable();
            int framed = RecordFormat.HEADER_BYTES + payload.size();
            if (fitsBuffer(framed)) {
                long offset = bufferLocked(active, payload, framed);
                activeListeners.add(new PendingWrite(listener, offset));
                buffered = true;
                if (!flushScheduled) {
                    flushScheduled = true;
                    schedule = true;
                }
            }
        } finally {
            appendLock.unlock();
        }
        if (!buffered) {
            long offset;
            try {
                offset = appendSlow(List.of(payload))[0];
            } catch (RuntimeException e) {
                listener.failed(e);
                return;
            }
            listener.written(offset);
        } else if (schedule) {
            try {
                flusher.execute(this::flushQuietly);
            } catch (RejectedExecutionException e) {
                flushQuietly(); // the store is closing: write now rather than never
            }
        }
    }

    /** Appends the records in one write, in order, and returns their offsets once written. */
    public long[] appendBatch(List<? extends Payload> payloads) {
        if (payloads.isEmpty()) {
            return new long[0];
        }
        long[] offsets = null;
        appendLock.lock();
        try {
            checkUsable();
            long total = framedBytes(payloads);
            if (fitsBuffer(total)) {
                offsets = new long[payloads.size()];
                for (int i = 0; i < offsets.length; i++) {
                    Payload payload = payloads.get(i);
                    offsets[i] = bufferLocked(active, payload, RecordFormat.HEADER_BYTES + payload.size());
                }
            }
        } finally {
            appendLock.unlock();
        }
        if (offsets == null) {
            return appendSlow(payloads);
        }
        flush();
        return offsets;
    }

    /** Writes everything appended so far to the OS. */
    public void flush() {
        List<PendingWrite> written;
        ioLock.lock();
        try {
            written = writeActiveLocked();
        } finally {
            ioLock.unlock();
        }
        complete(written);
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.error("Queue {}: background write failed", name, e);
        }
    }

    private boolean fitsBuffer(long framed) {
        return framed <= active.remaining() && (appendEnd == 0 || appendEnd + framed <= segmentBytes);
    }

    private long bufferLocked(ByteBuffer target, Payload payload, int framed) {
        long offset = appendSegment.base() + appendEnd;
        RecordFormat.frame(target, payload, crc);
        appendEnd += framed;
        return offset;
    }

    /** Writes the active buffer; ioLock held. Returns the async appends it completed. */
    private List<PendingWrite> writeActiveLocked() {
        ByteBuffer toWrite;
        List<PendingWrite> listeners;
        Segment segment;
        appendLock.lock();
        try {
            flushScheduled = false;
            if (active.position() == 0) {
                return List.of();
            }
            toWrite = active;
            active = spare;
            spare = null;
            listeners = activeListeners;
            activeListeners = new ArrayList<>();
            segment = appendSegment;
        } finally {
            appendLock.unlock();
        }
        try {
            toWrite.flip();
            writeAndPublish(segment, toWrite);
            return listeners;
        } catch (IOException e) {
            StoreException failure = markUnusable("write to " + segment.file() + " failed", e);
            for (PendingWrite pending : listeners) {
                pending.listener().failed(failure);
            }
            throw failure;
        } finally {
            toWrite.clear();
            spare = toWrite;
        }
    }

    private void writeAndPublish(Segment segment, ByteBuffer data) throws IOException {
        long at = segment.size();
        int length = data.remaining();
        segment.write(data, at);
        if (fsync == FsyncPolicy.ALWAYS) {
            segment.force();
        } else {
            dirty.set(true);
        }
        segment.publish(at + length);
        signal.bump();
    }

    /** Big records, batches and roll-overs: drain the buffer, roll if needed, write directly. */
    private long[] appendSlow(List<? extends Payload> payloads) {
        List<PendingWrite> drained;
        long[] offsets = new long[payloads.size()];
        ioLock.lock();
        try {
            appendLock.lock();
            try {
                // drained with both locks held, so no fast-path append can slip in before the roll
                drained = writeActiveLocked();
                checkUsable();
                long total = framedBytes(payloads);
                if (appendEnd > 0 && appendEnd + total > segmentBytes) {
                    roll();
                }
                if (total > Integer.MAX_VALUE - 64) {
                    throw new StoreException("queue " + name + ": " + total + " bytes is too large for one write");
                }
                // through the direct buffer, a buffer-full per write: a heap buffer would be copied into a
                // temporary direct one by the channel, and a batch is usually larger than the buffer
                ByteBuffer data = active;
                try {
                    for (int i = 0; i < offsets.length; i++) {
                        Payload payload = payloads.get(i);
                        int framed = RecordFormat.HEADER_BYTES + payload.size();
                        if (framed > data.remaining() && data.position() > 0) {
                            data.flip();
                            writeAndPublish(appendSegment, data);
                            data.clear();
                        }
                        if (framed > data.capacity()) {
                            ByteBuffer large = ByteBuffer.allocate(framed);
                            offsets[i] = bufferLocked(large, payload, framed);
                            large.flip();
                            writeAndPublish(appendSegment, large);
                        } else {
                            offsets[i] = bufferLocked(data, payload, framed);
                        }
                    }
                    data.flip();
                    writeAndPublish(appendSegment, data);
                } catch (IOException e) {
                    throw markUnusable("write to " + appendSegment.file() + " failed", e);
                } finally {
                    active.clear();
                }
            } finally {
                appendLock.unlock();
            }
        } finally {
            ioLock.unlock();
        }
        complete(drained);
        return offsets;
    }

    /** Both locks held and the buffer empty: seal the tail segment and start a new one. */
    private void roll() {
        Segment sealed = appendSegment;
        try {
            if (fsync != FsyncPolicy.NEVER) {
                sealed.force();
            }
            Segment next = Segment.create(dir, sealed.end());
            segments.put(next.base(), next);
            appendSegment = next;
            appendEnd = 0;
        } catch (IOException e) {
            throw markUnusable("cannot start a new segment after " + sealed.file(), e);
        }
    }

    private static long framedBytes(List<? extends Payload> payloads) {
        long total = 0;
        for (Payload payload : payloads) {
            total += RecordFormat.HEADER_BYTES + payload.size();
        }
        return total;
    }

    private static void complete(List<PendingWrite> written) {
        for (PendingWrite pending : written) {
            pending.listener().written(pending.offset());
        }
    }

    private void checkUsable() {
        if (unusableReason != null) {
            throw new StoreException("queue " + name + " is not writable: " + unusableReason);
        }
    }

    private StoreException markUnusable(String reason, Throwable cause) {
        appendLock.lock();
        try {
            if (unusableReason == null) {
                unusableReason = reason;
            }
        } finally {
            appendLock.unlock();
        }
        return new StoreException("queue " + name + ": " + reason, cause);
    }

    /** The segment holding {@code offset} (the last one when offset is at the end), or null if none. */
    Segment segmentFor(long offset) {
        Map.Entry<Long, Segment> entry = segments.floorEntry(offset);
        return entry == null ? null : entry.getValue();
    }

    /** Offset of the first record. */
    public long startOffset() {
        return segments.firstKey();
    }

    /** Offset after the last record written to the OS. */
    public long endOffset() {
        return segments.lastEntry().getValue().end();
    }

    public int segmentCount() {
        return segments.size();
    }

    boolean isDeleted() {
        return deleted;
    }

    /** fsync the tail if something was written since the last call (fsync=interval). */
    void forceIfDirty() {
        if (dirty.getAndSet(false)) {
            try {
                segments.lastEntry().getValue().force();
            } catch (IOException e) {
                LOG.warn("Queue {}: fsync failed: {}", name, e.toString());
            }
        }
    }

    /** Writes what is buffered, forces it unless fsync=never, and closes the files. */
    void close() {
        List<PendingWrite> drained = List.of();
        ioLock.lock();
        appendLock.lock();
        try {
            try {
                drained = writeActiveLocked();
            } catch (StoreException e) {
                LOG.warn("Queue {}: final write failed: {}", name, e.getMessage());
            }
            if (unusableReason == null) {
                unusableReason = "the store is closed";
            }
            for (Segment segment : segments.values()) {
                if (fsync != FsyncPolicy.NEVER && segment == appendSegment) {
                    segment.force();
                }
                segment.close();
            }
        } catch (IOException e) {
            LOG.warn("Queue {}: close failed: {}", name, e.toString());
        } finally {
            appendLock.unlock();
            ioLock.unlock();
        }
        complete(drained);
    }

    /** Closes the queue and deletes its files. */
    void delete() throws IOException {
        deleted = true;
        appendLock.lock();
        try {
            unusableReason = "the queue was deleted";
        } finally {
            appendLock.unlock();
        }
        close();
        for (Segment segment : segments.values()) {
            Files.deleteIfExists(segment.file());
        }
        try (Stream<Path> rest = Files.list(dir)) {
            for (Path file : rest.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }
}
