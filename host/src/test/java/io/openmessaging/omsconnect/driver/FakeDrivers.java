package io.openmessaging.omsconnect.driver;

/** Sources of fake OMS drivers, compiled into test plugins by {@code TestPlugins}. */
final class FakeDrivers {
    private FakeDrivers() {
    }

    /**
     * A driver following the OMS naming rule in {@code io.openmessaging.<name>}. It counts startups and
     * shutdowns, keeps the attributes it was created with, and reports through {@code attributes()}
     * (of the access point and of its producers) whether the context loader was its plugin's.
     */
    static String accessPoint(String driver, String implVersion, String constructorBody) {
        return """
                package io.openmessaging.%s;
                import io.openmessaging.*;
                import io.openmessaging.consumer.*;
                import io.openmessaging.producer.*;
                import io.openmessaging.internal.DefaultKeyValue;
                import java.util.concurrent.atomic.AtomicInteger;
                public class MessagingAccessPointImpl implements MessagingAccessPoint {
                    public static final AtomicInteger STARTUPS = new AtomicInteger();
                    public static final AtomicInteger SHUTDOWNS = new AtomicInteger();
                    public static volatile KeyValue created;
                    public MessagingAccessPointImpl(KeyValue attributes) { %s created = attributes; }
                    private boolean tcclIsPlugin() { return Thread.currentThread().getContextClassLoader() == getClass().getClassLoader(); }
                    private KeyValue report() { KeyValue kv = new DefaultKeyValue(); kv.put("tcclIsPlugin", String.valueOf(tcclIsPlugin())); return kv; }
                    public String implVersion() { return "%s"; }
                    public KeyValue attributes() { return report(); }
                    public Producer createProducer() { return createProducer(null); }
                    public Producer createProducer(KeyValue properties) {
                        return (Producer) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Producer.class},
                            (proxy, method, args) -> switch (method.getName()) {
                                case "attributes" -> report();
                                case "createBatchMessageSender" -> checked(io.openmessaging.producer.BatchMessageSender.class);
                                case "hashCode" -> 1;
                                case "equals" -> proxy == args[0];
                                case "toString" -> "fake producer";
                                default -> null;
                            });
                    }
                    public PushConsumer createPushConsumer() { return null; }
                    public PushConsumer createPushConsumer(KeyValue properties) { return null; }
                    public PullConsumer createPullConsumer() { return createPullConsumer(null); }
                    public PullConsumer createPullConsumer(KeyValue properties) { return checked(PullConsumer.class); }
                    /** A driver object that refuses every call made without the plugin loader, fluent calls return it. */
                    private <T> T checked(Class<T> type) {
                        return type.cast(java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{type},
                            (proxy, method, args) -> {
                                if (method.getDeclaringClass() == Object.class) {
                                    return method.getName().equals("hashCode") ? 1 : method.getName().equals("equals") ? proxy == args[0] : "fake";
                                }
                                if (!tcclIsPlugin()) throw new IllegalStateException(method.getName() + " called without the plugin loader");
                                if (method.getName().equals("attributes")) return report();
                                return method.getReturnType() == type ? proxy : null;
                            }));
                    }
                    public StreamingConsumer createStreamingConsumer() { return null; }
                    public StreamingConsumer createStreamingConsumer(KeyValue properties) { return null; }
                    public ResourceManager resourceManager() { throw new UnsupportedOperationException("no resource manager"); }
                    public void startup() { STARTUPS.incrementAndGet(); if (!tcclIsPlugin()) throw new IllegalStateException("started without the plugin loader"); }
                    public void shutdown() { SHUTDOWNS.incrementAndGet(); }
                }
                """.formatted(driver, constructorBody, implVersion);
    }

    /** An OmsDriver extension named {@code ext} that creates the fake driver's access point. */
    static final String EXTENSION = """
            package com.acme.ext;
            public class ExtDriver implements io.openmessaging.omsconnect.api.OmsDriver {
                public String name() { return "ext"; }
                public io.openmessaging.MessagingAccessPoint create(io.openmessaging.KeyValue attributes) {
                    return new io.openmessaging.fake.MessagingAccessPointImpl(attributes);
                }
            }
            """;
}
