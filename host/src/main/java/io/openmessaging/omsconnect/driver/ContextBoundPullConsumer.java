package io.openmessaging.omsconnect.driver;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.consumer.PullConsumer;

/**
 * A driver's {@link PullConsumer} whose every call runs with the driver plugin's loader as context loader
 * (see {@link ContextLoaderProxy}), written out because it is on every sink task's hot path.
 */
final class ContextBoundPullConsumer implements PullConsumer {
    private final PullConsumer target;
    private final DriverContext context;

    ContextBoundPullConsumer(PullConsumer target, DriverContext context) {
        this.target = target;
        this.context = context;
    }

    @Override
    public KeyValue attributes() {
        ClassLoader previous = context.enter();
        try {
            return target.attributes();
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public void startup() {
        ClassLoader previous = context.enter();
        try {
            target.startup();
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public void shutdown() {
        ClassLoader previous = context.enter();
        try {
            target.shutdown();
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public PullConsumer attachQueue(String queue) {
        ClassLoader previous = context.enter();
        try {
            return self(target.attachQueue(queue));
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public PullConsumer attachQueue(String queue, KeyValue attributes) {
        ClassLoader previous = context.enter();
        try {
            return self(target.attachQueue(queue, attributes));
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public PullConsumer detachQueue(String queue) {
        ClassLoader previous = context.enter();
        try {
            return self(target.detachQueue(queue));
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public Message receive() {
        ClassLoader previous = context.enter();
        try {
            return target.receive();
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public Message receive(KeyValue properties) {
        ClassLoader previous = context.enter();
        try {
            return target.receive(properties);
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public void ack(String receiptHandle) {
        ClassLoader previous = context.enter();
        try {
            target.ack(receiptHandle);
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public void ack(String receiptHandle, KeyValue properties) {
        ClassLoader previous = context.enter();
        try {
            target.ack(receiptHandle, properties);
        } finally {
            context.exit(previous);
        }
    }

    /** The consumer's fluent calls return this wrapper, never the driver's own object. */
    private PullConsumer self(PullConsumer returned) {
        return returned == target ? this : returned;
    }

    @Override
    public String toString() {
        return "ContextBoundPullConsumer(" + target + ")";
    }
}
