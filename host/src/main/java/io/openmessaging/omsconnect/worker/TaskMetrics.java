package io.openmessaging.omsconnect.worker;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one task, read by {@code GET /metrics}. Cheap to bump from the task's own thread. */
public final class TaskMetrics {
    public final LongAdder recordsPolled = new LongAdder();
    public final LongAdder recordsSent = new LongAdder();
    public final LongAdder recordsPut = new LongAdder();
    public final LongAdder recordsFiltered = new LongAdder();
    public final LongAdder errors = new LongAdder();
    public final LongAdder retries = new LongAdder();
    public final LongAdder deadLettered = new LongAdder();
    /** Throws from a source connector's commit callbacks, which the worker logs and goes past. */
    public final LongAdder commitErrors = new LongAdder();
    public final AtomicLong lastCommitMillis = new AtomicLong();
}
