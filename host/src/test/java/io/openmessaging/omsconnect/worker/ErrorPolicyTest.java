package io.openmessaging.omsconnect.worker;

import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.connector.api.errors.RetriableException;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.herder.BadRequestException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ErrorPolicyTest {
    private final ConnectorTaskId id = new ConnectorTaskId("c", 0);
    private final TaskMetrics metrics = new TaskMetrics();
    private final List<Object> deadLettered = new ArrayList<>();

    private ErrorPolicy policy(Map<String, String> config) {
        return new ErrorPolicy(id, new ConnectorConfig(config), metrics, (stage, record, error) -> deadLettered.add(record));
    }

    @Test
    void toleranceNoneFailsOnTheFirstError() {
        ErrorPolicy p = policy(Map.of());
        assertThrows(ConnectException.class, () -> p.execute(ErrorPolicy.Stage.CONVERT, "r", () -> {
            throw new IllegalStateException("poison");
        }));
        assertEquals(1, metrics.errors.sum());
        assertEquals(List.of(), deadLettered);
    }

    @Test
    void toleranceAllSkipsTheRecordAndSendsItToTheDeadLetterQueue() throws Exception {
        ErrorPolicy p = policy(Map.of("errors.tolerance", "all"));
        assertNull(p.execute(ErrorPolicy.Stage.TRANSFORM, "poison", () -> {
            throw new IllegalStateException("bad");
        }));
        assertEquals("ok", p.execute(ErrorPolicy.Stage.TRANSFORM, "fine", () -> "ok"));
        assertEquals(List.of("poison"), deadLettered);
        assertEquals(1, metrics.deadLettered.sum());
    }

    @Test
    void retriableErrorsAreRetriedUntilTheyPass() throws Exception {
        ErrorPolicy p = policy(Map.of("errors.retry.timeout", "5000", "errors.retry.delay.max.ms", "10"));
        AtomicInteger calls = new AtomicInteger();
        Object result = new Object();
        assertSame(result, p.execute(ErrorPolicy.Stage.PUT, "r", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new RetriableException("busy");
            }
            return result;
        }));
        assertEquals(3, calls.get());
        assertEquals(2, metrics.retries.sum());
        assertEquals(0, metrics.errors.sum());
    }

    @Test
    void retriesStopAtTheTimeoutAndThenTheFailureCounts() {
        ErrorPolicy p = policy(Map.of("errors.retry.timeout", "50", "errors.retry.delay.max.ms", "5"));
        assertThrows(ConnectException.class, () -> p.execute(ErrorPolicy.Stage.CONVERT, "record", () -> {
            throw new RetriableException("still busy");
        }));
        assertEquals(1, metrics.errors.sum());
    }

    @Test
    void anUnknownToleranceIsRefused() {
        // a stored config from before create-time checks: the task fails naming the key
        BadRequestException e = assertThrows(BadRequestException.class, () -> policy(Map.of("errors.tolerance", "some")));
        assertEquals("errors.tolerance", e.field());
    }
}
