package io.openmessaging.omsconnect.driver;

import io.openmessaging.omsconnect.plugin.PluginComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;

/**
 * What a driver says it can do beyond OMS 0.3.1, which has no way to ask: its plugin holds
 * {@value #RESOURCE}, a properties file with one line per driver class, {@code <class>=<feature>,<feature>}.
 * Features the worker uses:
 * <ul>
 * <li>{@value #SEEK}: {@code attachQueue(topic, {QUEUE_OFFSET: n})} moves the consumer group there
 * ({@code SinkTaskContext.resetOffset}, a sink's offsets routes)</li>
 * <li>{@value #QUEUE_OFFSET}: received messages carry {@code QUEUE_OFFSET} (sink records' {@code queueOffset})</li>
 * <li>{@value #SENT_POSITION}: a sent message gets its {@code QUEUE_OFFSET} written back ({@code queue.offset} in a
 * source's commit metadata)</li>
 * </ul>
 * A driver whose plugin has no such line declares nothing: {@code GET /drivers} shows null (unknown).
 */
final class DriverFeatures {
    static final String RESOURCE = "META-INF/omsconnect-driver.properties";
    static final String SEEK = "seek";
    static final String QUEUE_OFFSET = "queue-offset";
    static final String SENT_POSITION = "sent-position";
    private static final Logger log = LoggerFactory.getLogger(DriverFeatures.class);

    private DriverFeatures() {
    }

    /** The features the driver's plugin declares for its class, or null when it declares none. */
    static List<String> of(PluginComponent driver) {
        try {
            Enumeration<URL> files = driver.loader().getResources(RESOURCE);
            while (files.hasMoreElements()) {
                Properties declared = new Properties();
                try (InputStream in = files.nextElement().openStream()) {
                    declared.load(in);
                }
                String features = declared.getProperty(driver.className());
                if (features != null) {
                    return Arrays.stream(features.split(",")).map(String::trim).filter(f -> !f.isEmpty()).toList();
                }
            }
        } catch (IOException e) {
            log.warn("Driver {}: {} unreadable: {}", driver.className(), RESOURCE, e.toString());
        }
        return null;
    }
}
