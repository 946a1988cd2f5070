package io.openmessaging.omsconnect.worker;

import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.connector.api.errors.RetriableException;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * RocketMQ Connect's (and Kafka Connect's) error handling for one task, per record and stage:
 * <ul>
 *   <li>{@code errors.retry.timeout} (ms, default 0, -1 = forever): a {@link RetriableException} is retried
 *       with exponential backoff up to {@code errors.retry.delay.max.ms} (default 60 000) between tries;</li>
 *   <li>{@code errors.tolerance} {@code none} (default): any other failure, or retries running out, fails the
 *       task; {@code all}: the record is skipped, reported to the dead letter queue if one is configured, and
 *       the pipeline goes on;</li>
 *   <li>{@code errors.log.enable}: tolerated failures are logged, with {@code errors.log.include.messages}
 *       adding the record.</li>
 * </ul>
 */
final class ErrorPolicy {
    private static final Logger log = LoggerFactory.getLogger(ErrorPolicy.class);
    static final String TOLERANCE = ConnectorKeys.ERRORS_TOLERANCE;
    static final String RETRY_TIMEOUT = ConnectorKeys.ERRORS_RETRY_TIMEOUT;
    static final String RETRY_DELAY_MAX = ConnectorKeys.ERRORS_RETRY_DELAY_MAX;
    static final String LOG_ENABLE = ConnectorKeys.ERRORS_LOG_ENABLE;
    static final String LOG_INCLUDE_MESSAGES = ConnectorKeys.ERRORS_LOG_INCLUDE_MESSAGES;
    static final String DLQ_TOPIC = ConnectorKeys.DLQ_TOPIC;
    private static final long INITIAL_DELAY_MS = 100;

    /** Where a failure happened, for logs, metrics and the DLQ's error context. */
    enum Stage { TRANSFORM, CONVERT, SEND, PUT, POLL }

    /** Receives the records that failed under {@code errors.tolerance=all}. */
    interface FailedRecordSink {
        void report(Stage stage, Object record, Throwable error);
    }

    private final ConnectorTaskId id;
    private final TaskMetrics metrics;
    private final boolean tolerateAll;
    private final long retryTimeoutMs;
    private final long retryDelayMaxMs;
    private final boolean logErrors;
    private final boolean logRecords;
    private final FailedRecordSink deadLetters;

    ErrorPolicy(ConnectorTaskId id, ConnectorConfig config, TaskMetrics metrics, FailedRecordSink deadLetters) {
        this.id = id;
        this.metrics = metrics;
        this.tolerateAll = config.getString(TOLERANCE).toLowerCase(Locale.ROOT).equals("all");
        this.retryTimeoutMs = config.getLong(RETRY_TIMEOUT);
        this.retryDelayMaxMs = config.getLong(RETRY_DELAY_MAX);
        this.logErrors = config.getBoolean(LOG_ENABLE);
        this.logRecords = config.getBoolean(LOG_INCLUDE_MESSAGES);
        this.deadLetters = deadLetters;
    }

    /**
     * Runs {@code op} for {@code record}, retrying and tolerating as configured.
     *
     * @return the result, or null when the failure was tolerated (skip the record)
     * @throws ConnectException when the failure is not tolerated: the task must fail
     */
    <T> T execute(Stage stage, Object record, Callable<T> op) throws InterruptedException {
        try {
            return op.call(); // the path of nearly every record: nothing to time, nothing to allocate
        } catch (InterruptedException e) {
            throw e;
        } catch (Throwable t) {
            return recover(stage, record, op, t);
        }
    }

    /**
     * What {@link #execute} does once {@code op} failed with {@code failure}: for callers on a hot path that
     * make the first attempt themselves, so that the {@code op} lambda is built only after a failure.
     *
     * @return the result of a successful retry, or null when the failure was tolerated (skip the record)
     * @throws ConnectException when the failure is not tolerated: the task must fail
     */
    <T> T recover(Stage stage, Object record, Callable<T> op, Throwable failure) throws InterruptedException {
        Outcome<T> outcome = retrying(stage, op, failure);
        if (outcome.failure() == null) {
            return outcome.value();
        }
        Throwable last = outcome.failure();
        metrics.errors.increment();
        if (!tolerateAll) {
            throw last instanceof ConnectException ce ? ce
                    : new ConnectException(stage + " failed: " + last, last);
        }
        if (logErrors) {
            log.warn("Task {}: tolerated error in {}{}: {}", id, stage, logRecords ? " of " + record : "", last.toString());
        }
        if (deadLetters != null) {
            deadLetters.report(stage, record, last);
            metrics.deadLettered.increment();
        }
        return null;
    }

    /** A record a sink task reported through its ErrorRecordReporter: counted and dead-lettered. */
    void reported(Object record, Throwable error) {
        metrics.errors.increment();
        if (logErrors) {
            log.warn("Task {}: record reported as failed{}: {}", id, logRecords ? " " + record : "", String.valueOf(error));
        }
        if (deadLetters != null) {
            deadLetters.report(Stage.PUT, record, error);
            metrics.deadLettered.increment();
        }
    }

    private record Outcome<T>(T value, Throwable failure) {
    }

    /** After {@code op} failed with {@code first}: retries a retriable failure until the retry timeout. */
    private <T> Outcome<T> retrying(Stage stage, Callable<T> op, Throwable first) throws InterruptedException {
        long deadline = retryTimeoutMs < 0 ? Long.MAX_VALUE : System.currentTimeMillis() + retryTimeoutMs;
        long delay = INITIAL_DELAY_MS;
        Throwable failure = first;
        while (true) {
            if (!(failure instanceof RetriableException)) {
                return new Outcome<>(null, failure);
            }
            long now = System.currentTimeMillis();
            if (now >= deadline) {
                return new Outcome<>(null, failure);
            }
            metrics.retries.increment();
            long sleep = Math.min(Math.min(delay, retryDelayMaxMs), Math.max(1, deadline - now));
            log.debug("Task {}: retriable error in {}, retrying in {} ms: {}", id, stage, sleep, failure.toString());
            Thread.sleep(sleep);
            delay = Math.min(delay * 2, Math.max(retryDelayMaxMs, 1));
            try {
                return new Outcome<>(op.call(), null);
            } catch (InterruptedException e) {
                throw e;
            } catch (Throwable t) {
                failure = t;
            }
        }
    }
}
