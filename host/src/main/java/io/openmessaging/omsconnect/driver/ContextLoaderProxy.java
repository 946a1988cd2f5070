package io.openmessaging.omsconnect.driver;

import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.ResourceManager;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.consumer.PushConsumer;
import io.openmessaging.consumer.StreamingConsumer;
import io.openmessaging.consumer.StreamingIterator;
import io.openmessaging.producer.BatchMessageSender;
import io.openmessaging.producer.Producer;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * Runs every call into a driver object with the driver plugin's classloader as thread context loader,
 * and wraps the OMS objects those calls return (producers, consumers, futures…) the same way, so
 * drivers whose libraries look classes up through the context loader (RocketMQ's client does) work.
 * On the hot path: no allocation beyond the argument array, and no swap when the loader is already set.
 *
 * <p>The shared access point's {@code startup()} and {@code shutdown()} do nothing: its lifecycle is
 * the registry's (acquire/release), and one user must not shut it down under the others.
 */
final class ContextLoaderProxy implements InvocationHandler {

    // Futures are not wrapped: waiting on one runs no driver code that looks classes up, and a proxy per
    // sendAsync was a measurable share of the pipeline's cost.
    private static final Set<Class<?>> WRAPPED = Set.of(MessagingAccessPoint.class, Producer.class, PullConsumer.class,
            PushConsumer.class, StreamingConsumer.class, StreamingIterator.class, ResourceManager.class,
            BatchMessageSender.class);

    private final Object target;
    private final DriverContext context;
    private final boolean sharedLifecycle;

    private ContextLoaderProxy(Object target, DriverContext context, boolean sharedLifecycle) {
        this.target = target;
        this.context = context;
        this.sharedLifecycle = sharedLifecycle;
    }

    /** Wraps the shared access point: calls run with {@code loader}; startup/shutdown are the registry's. */
    static MessagingAccessPoint sharedAccessPoint(MessagingAccessPoint target, ClassLoader loader) {
        return wrap(MessagingAccessPoint.class, target, new DriverContext(loader), true);
    }

    /** Producers, pull consumers and batch senders, the hot path of every task, get written-out wrappers. */
    static <T> T wrap(Class<T> type, T target, DriverContext context, boolean sharedLifecycle) {
        if (type == Producer.class) {
            return type.cast(new ContextBoundProducer((Producer) target, context));
        }
        if (type == PullConsumer.class) {
            return type.cast(new ContextBoundPullConsumer((PullConsumer) target, context));
        }
        if (type == BatchMessageSender.class) {
            return type.cast(new ContextBoundBatchSender((BatchMessageSender) target, context));
        }
        // defined in the API's loader, not the plugin's: the proxy class never pins a plugin loader
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                new ContextLoaderProxy(target, context, sharedLifecycle)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "ContextLoaderProxy(" + target + ")";
            };
        }
        if (sharedLifecycle && args == null && (method.getName().equals("startup") || method.getName().equals("shutdown"))) {
            return null;
        }
        Object result = call(method, args);
        if (result == null || !WRAPPED.contains(method.getReturnType())) {
            return result;
        }
        return result == target ? proxy : wrapReturned(method.getReturnType(), result);
    }

    private Object call(Method method, Object[] args) throws Throwable {
        ClassLoader previous = context.enter();
        try {
            return invokeTarget(method, args);
        } finally {
            context.exit(previous);
        }
    }

    private Object invokeTarget(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object wrapReturned(Class type, Object result) {
        return wrap(type, result, context, false);
    }
}
