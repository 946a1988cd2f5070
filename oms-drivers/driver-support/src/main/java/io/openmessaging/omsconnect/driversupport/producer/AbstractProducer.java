package io.openmessaging.omsconnect.driversupport.producer;

import io.openmessaging.Future;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.interceptor.ProducerInterceptor;
import io.openmessaging.omsconnect.driversupport.Unsupported;
import io.openmessaging.producer.LocalTransactionExecutor;
import io.openmessaging.producer.Producer;
import io.openmessaging.producer.SendResult;

/**
 * The parts of an OMS producer that do not depend on the broker: each send without properties is the send with
 * none ({@code null}), interceptors are kept in an {@link InterceptorChain} the driver calls around its sends,
 * and transactional sends (OMS's half messages with a local transaction) are refused. A driver implements the
 * sends with properties, the lifecycle and its messages.
 */
public abstract class AbstractProducer implements Producer {
    private final Unsupported unsupported;
    private final String name;
    private final InterceptorChain interceptors;

    /**
     * @param driver the driver's name in error messages, e.g. {@code Kafka}
     * @param name   this producer's name in the log
     */
    protected AbstractProducer(String driver, String name) {
        this.unsupported = new Unsupported(driver);
        this.name = name;
        this.interceptors = new InterceptorChain(name);
    }

    /** This producer's name, for the log and its threads' names. */
    protected final String name() {
        return name;
    }

    /** The interceptors to call before and after each send. */
    protected final InterceptorChain interceptors() {
        return interceptors;
    }

    @Override
    public final SendResult send(Message message) {
        return send(message, null);
    }

    @Override
    public SendResult send(Message message, LocalTransactionExecutor branchExecutor, KeyValue properties) {
        throw unsupported.exception("transactional messages");
    }

    @Override
    public final Future<SendResult> sendAsync(Message message) {
        return sendAsync(message, null);
    }

    @Override
    public final void sendOneway(Message message) {
        sendOneway(message, null);
    }

    @Override
    public final void addInterceptor(ProducerInterceptor interceptor) {
        interceptors.add(interceptor);
    }

    @Override
    public final void removeInterceptor(ProducerInterceptor interceptor) {
        interceptors.remove(interceptor);
    }
}
