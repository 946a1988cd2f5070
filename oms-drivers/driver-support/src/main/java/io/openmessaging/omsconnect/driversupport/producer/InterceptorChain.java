package io.openmessaging.omsconnect.driversupport.producer;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.exception.OMSException;
import io.openmessaging.interceptor.ProducerInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A producer's interceptors, called in the order they were added. {@code preSend} runs on the sender's thread
 * and may refuse the message by throwing; {@code postSend} runs when the broker answered, usually on a callback
 * thread where nobody could catch an exception: one that throws is logged and the others still run.
 * Thread-safe: interceptors may be added while messages are sent.
 */
public final class InterceptorChain {
    private static final Logger LOG = LoggerFactory.getLogger(InterceptorChain.class);

    private final String producer;
    private final List<ProducerInterceptor> interceptors = new CopyOnWriteArrayList<>();

    /** @param producer the producer's name in the log */
    public InterceptorChain(String producer) {
        this.producer = producer;
    }

    public void add(ProducerInterceptor interceptor) {
        interceptors.add(interceptor);
    }

    public void remove(ProducerInterceptor interceptor) {
        interceptors.remove(interceptor);
    }

    /** Whether there are none: then a send need not register for its outcome. */
    public boolean isEmpty() {
        return interceptors.isEmpty();
    }

    /** Before the message is handed to the broker; an interceptor's exception fails the send. */
    public void preSend(Message message, KeyValue properties) {
        for (ProducerInterceptor interceptor : interceptors) {
            interceptor.preSend(message, properties);
        }
    }

    /** Once the broker answered: stored when {@code failure} is null. */
    public void postSend(Message message, KeyValue properties, Throwable failure) {
        for (ProducerInterceptor interceptor : interceptors) {
            try {
                if (failure == null) {
                    interceptor.postSend(message, properties);
                } else {
                    interceptor.postSend(message, properties, new OMSException("-1", failure));
                }
            } catch (RuntimeException e) {
                LOG.warn("Producer {}: interceptor {} threw", producer, interceptor, e);
            }
        }
    }
}
