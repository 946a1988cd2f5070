package io.openmessaging.omsconnect.driver;

import io.openmessaging.BytesMessage;
import io.openmessaging.Future;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.interceptor.ProducerInterceptor;
import io.openmessaging.producer.BatchMessageSender;
import io.openmessaging.producer.LocalTransactionExecutor;
import io.openmessaging.producer.Producer;
import io.openmessaging.producer.SendResult;

/**
 * A driver's {@link Producer} whose every call runs with the driver plugin's loader as context loader
 * (see {@link ContextLoaderProxy}), written out because it is on every source task's hot path, where a
 * reflective proxy cost a measurable share of each record.
 */
final class ContextBoundProducer implements Producer {
    private final Producer target;
    private final DriverContext context;

    ContextBoundProducer(Producer target, DriverContext context) {
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
    public BytesMessage createBytesMessage(String queue, byte[] body) {
        ClassLoader previous = context.enter();
        try {
            return target.createBytesMessage(queue, body);
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public SendResult send(Message message) {
        ClassLoader previous = context.enter();
        try {
            return target.send(message);
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public SendResult send(Message message, KeyValue properties) {
        ClassLoader previous = context.enter();
        try {
            return target.send(message, properties);
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public SendResult send(Message message, LocalTransactionExecutor branchExecutor, KeyValue attributes) {
        ClassLoader previous = context.enter();
        try {
            return target.send(message, branchExecutor, attributes);
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public Future<SendResult> sendAsync(Message message) {
        ClassLoader previous = context.enter();
        try {
            return target.sendAsync(message);
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public Future<SendResult> sendAsync(Message message, KeyValue properties) {
        ClassLoader previous = context.enter();
        try {
            return target.sendAsync(message, properties);
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public void sendOneway(Message message) {
        ClassLoader previous = context.enter();
        try {
            target.sendOneway(message);
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public void sendOneway(Message message, KeyValue properties) {
        ClassLoader previous = context.enter();
        try {
            target.sendOneway(message, properties);
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public BatchMessageSender createBatchMessageSender() {
        ClassLoader previous = context.enter();
        try {
            return wrap(target.createBatchMessageSender());
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public void addInterceptor(ProducerInterceptor interceptor) {
        ClassLoader previous = context.enter();
        try {
            target.addInterceptor(interceptor);
        } finally {
            context.exit(previous);
        }
    }

    @Override
    public void removeInterceptor(ProducerInterceptor interceptor) {
        ClassLoader previous = context.enter();
        try {
            target.removeInterceptor(interceptor);
        } finally {
            context.exit(previous);
        }
    }

    private BatchMessageSender wrap(BatchMessageSender sender) {
        return sender == null ? null : new ContextBoundBatchSender(sender, context);
    }

    @Override
    public String toString() {
        return "ContextBoundProducer(" + target + ")";
    }
}
