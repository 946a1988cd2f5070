package io.openmessaging.omsconnect.driver;

import io.openmessaging.Message;
import io.openmessaging.producer.BatchMessageSender;

/**
 * A driver's {@link BatchMessageSender} whose every call runs with the driver plugin's loader as context
 * loader (see {@link ContextLoaderProxy}); a source task sends every record through it.
 */
final class ContextBoundBatchSender implements BatchMessageSender {
    private final BatchMessageSender target;
    private final DriverContext context;

    ContextBoundBatchSender(BatchMessageSender target, DriverContext context) {
        this.target = target;
        this.context = context;
    }

    @Override
    public BatchMessageSender send(Message message) {
        ClassLoader previous = context.enter();
        try {
            return self(target.send(message));
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public void commit() {
        ClassLoader previous = context.enter();
        try {
            target.commit();
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public void rollback() {
        ClassLoader previous = context.enter();
        try {
            target.rollback();
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public void close() {
        ClassLoader previous = context.enter();
        try {
            target.close();
        } finally {
            context.exit(previous);
        }
    }

    private BatchMessageSender self(BatchMessageSender returned) {
        return returned == target ? this : returned;
    }

    @Override
    public String toString() {
        return "ContextBoundBatchSender(" + target + ")";
    }
}
