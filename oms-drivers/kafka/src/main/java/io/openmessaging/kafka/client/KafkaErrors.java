package io.openmessaging.kafka.client;

import io.openmessaging.exception.OMSResourceNotExistException;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.exception.OMSTimeOutException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Kafka's failures as OMS exceptions, with the cause kept and a message that says what was being done. */
public final class KafkaErrors {
    private KafkaErrors() {
    }

    /** {@code <what> failed: <reason>}, a timeout as {@link OMSTimeOutException}. */
    public static OMSRuntimeException failed(String what, Throwable error) {
        Throwable cause = unwrap(error);
        String message = what + " failed: " + reason(cause);
        if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return new OMSTimeOutException("-1", message, cause);
        }
        return new OMSRuntimeException("-1", message, cause);
    }

    /** Whether Kafka said the topic does not exist. */
    public static boolean isUnknownTopic(Throwable error) {
        return unwrap(error) instanceof UnknownTopicOrPartitionException;
    }

    public static OMSResourceNotExistException unknownTopic(String topic) {
        return new OMSResourceNotExistException("-1", "Kafka topic '" + topic + "' does not exist");
    }

    /** The exception's class and message, without the wrappers of futures. */
    public static String reason(Throwable error) {
        Throwable cause = unwrap(error);
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
