package io.openmessaging.omsconnect.worker;

/** A task did not stop within {@code taskShutdownTimeoutMs} and was abandoned. */
public class TaskStopTimeoutException extends RuntimeException {
    public TaskStopTimeoutException(String message) {
        super(message);
    }
}
