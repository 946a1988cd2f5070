package io.openmessaging.omsconnect.rocketmq.plugin;

import io.openmessaging.KeyValue;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.internal.DefaultKeyValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A driver plugin zip loaded the way the host loads it: its {@code lib/*.jar} in an isolated
 * {@link HostApiFirstClassLoader}, the access point made by the OMS naming rule, and every call into
 * the driver made with the plugin's loader as the thread context class loader.
 */
public final class DriverPlugin implements AutoCloseable {

    private final Path unpacked;
    private final List<Path> jars;
    private final HostApiFirstClassLoader loader;

    private DriverPlugin(Path unpacked, List<Path> jars) throws MalformedURLException {
        this.unpacked = unpacked;
        this.jars = jars;
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        this.loader = new HostApiFirstClassLoader(urls, DriverPlugin.class.getClassLoader());
    }

    /** Unpacks {@code zip} into a temporary folder and makes a class loader over its lib/ jars. */
    public static DriverPlugin open(Path zip) throws IOException {
        Path dir = Files.createTempDirectory("omsconnect-driver-plugin-");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("zip entry outside the plugin folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        List<Path> jars;
        try (Stream<Path> lib = Files.list(dir.resolve("lib"))) {
            jars = lib.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        return new DriverPlugin(dir, jars);
    }

    /** The jars in the plugin's lib/. */
    public List<Path> jars() {
        return jars;
    }

    /** Whether {@code thread} was started from plugin code (it inherited the plugin's context loader). */
    public boolean startedFromPlugin(Thread thread) {
        return thread.getContextClassLoader() == loader;
    }

    /**
     * Stops the driver's own logging (RocketMQ bundles a shaded logback whose async appender thread
     * outlives every client): what the host would have to do before unloading this plugin.
     */
    public void stopDriverLogging() {
        run(() -> {
            try {
                Object context = loader.loadClass("org.apache.rocketmq.logging.org.slf4j.LoggerFactory")
                        .getMethod("getILoggerFactory").invoke(null);
                context.getClass().getMethod("stop").invoke(context);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot stop the driver's logger context", e);
            }
        });
    }

    /** Whether the plugin's loader defines {@code className} itself (not the host, not the JDK). */
    public boolean definesClass(String className) {
        try {
            return loader.loadClass(className).getClassLoader() == loader;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Creates the access point of the URL {@code oms:<driver>://<accessPoints>/<region>} as the
     * host does: the class {@code io.openmessaging.<driver>.MessagingAccessPointImpl} of this
     * plugin, constructed with the OMS built-in keys (plus {@code extra}), then started.
     */
    public MessagingAccessPoint accessPoint(String driver, String accessPoints, String region, KeyValue extra) {
        String implClass = "io.openmessaging." + driver + ".MessagingAccessPointImpl";
        KeyValue attributes = new DefaultKeyValue();
        attributes.put(OMSBuiltinKeys.DRIVER_IMPL, implClass);
        attributes.put(OMSBuiltinKeys.ACCESS_POINTS, accessPoints);
        attributes.put(OMSBuiltinKeys.REGION, region);
        attributes.put(OMSBuiltinKeys.ACCOUNT_ID, "");
        attributes.put("OMS_DRIVER_URL", "oms:" + driver + "://" + accessPoints + "/" + region);
        for (String key : extra.keySet()) {
            attributes.put(key, extra.getString(key));
        }
        return call(() -> {
            MessagingAccessPoint point = (MessagingAccessPoint) Class.forName(implClass, true, loader)
                    .getConstructor(KeyValue.class).newInstance(attributes);
            point.startup();
            return point;
        });
    }

    /** Runs {@code action} with this plugin's loader as the thread context class loader. */
    public <T> T call(Callable<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (InvocationTargetException e) {
            // the driver's own exception, not the reflection wrapper
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Runs {@code action} with this plugin's loader as the thread context class loader. */
    public void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    @Override
    public void close() throws IOException {
        loader.close();
        try (Stream<Path> paths = Files.walk(unpacked)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
