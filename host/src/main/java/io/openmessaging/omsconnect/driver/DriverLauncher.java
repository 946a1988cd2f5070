package io.openmessaging.omsconnect.driver;

import io.openmessaging.KeyValue;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.omsconnect.api.OmsDriver;
import io.openmessaging.omsconnect.plugin.LoaderSwap;
import io.openmessaging.omsconnect.plugin.PluginComponent;

import java.lang.reflect.InvocationTargetException;

/**
 * Does what {@code OMS.getMessagingAccessPoint} does, but with the driver plugin's classloader (the OMS
 * API's own one-argument {@code Class.forName} can't see plugins) and keeping the real cause of every
 * failure: instantiate the access point, check it implements OMS 0.3, start it.
 */
final class DriverLauncher {

    /** The OMS spec version the host is built on (openmessaging-api 0.3.1-alpha): major.minor must match. */
    static final String SPEC_MAJOR_MINOR = "0.3";

    private DriverLauncher() {
    }

    /** @return a started access point (not wrapped) */
    static MessagingAccessPoint launch(PluginComponent driver, OmsDriverUrl url) {
        ClassLoader loader = driver.loader();
        KeyValue attributes = url.attributes(driver.className());
        String what = "OMS driver '" + url.driver() + "' (" + driver.className() + " in plugin " + driver.pluginId()
                + ") for " + url.url();
        try (LoaderSwap ignored = LoaderSwap.to(loader)) {
            Class<?> type = Class.forName(driver.className(), true, loader);
            MessagingAccessPoint accessPoint;
            if (MessagingAccessPoint.class.isAssignableFrom(type)) {
                accessPoint = (MessagingAccessPoint) type.getConstructor(KeyValue.class).newInstance(attributes);
            } else if (OmsDriver.class.isAssignableFrom(type)) {
                accessPoint = ((OmsDriver) type.getConstructor().newInstance()).create(attributes);
            } else {
                throw new DriverException(what + ": neither a MessagingAccessPoint nor an OmsDriver");
            }
            if (accessPoint == null) {
                throw new DriverException(what + ": the driver returned no access point");
            }
            checkVersion(what, accessPoint.implVersion());
            accessPoint.startup();
            return accessPoint;
        } catch (InvocationTargetException e) {
            throw new DriverException(what + " failed: " + e.getCause(), e.getCause());
        } catch (DriverException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new DriverException(what + " failed: " + e, e);
        }
    }

    static void checkVersion(String what, String implVersion) {
        String[] parts = implVersion == null ? new String[0] : implVersion.split("[.\\-]");
        if (parts.length < 2 || !(parts[0] + "." + parts[1]).equals(SPEC_MAJOR_MINOR)) {
            throw new DriverException(what + " implements OMS " + implVersion + ", the host needs " + SPEC_MAJOR_MINOR + ".x");
        }
    }
}
