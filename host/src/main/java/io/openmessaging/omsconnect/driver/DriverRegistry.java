package io.openmessaging.omsconnect.driver;

import io.openmessaging.MessagingAccessPoint;

import java.util.List;

/**
 * Turns an {@code oms-driver-url} into a started {@link MessagingAccessPoint}, created by the driver
 * plugin that answers to the URL's driver name, with that plugin's classloader. One access point per
 * URL, shared by reference count, shut down when the last user releases it. Every call into the
 * returned access point and the producers and consumers it creates runs with the driver plugin's
 * classloader as thread context classloader.
 */
public interface DriverRegistry extends AutoCloseable {

    /**
     * @throws DriverException naming the URL and the real cause when the URL is malformed, no plugin
     *                         offers the driver, or the driver fails to start
     */
    MessagingAccessPoint acquire(String omsDriverUrl);

    void release(String omsDriverUrl);

    /** The drivers offered by the loaded plugins, and the URLs in use. */
    List<DriverInfo> drivers();

    /** True while an access point of this plugin's drivers is acquired (uninstall must then be refused). */
    boolean inUse(String pluginId);

    @Override
    void close();
}
