package io.openmessaging.omsconnect.driver;

import io.openmessaging.omsconnect.config.Secrets;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.omsconnect.plugin.ComponentType;
import io.openmessaging.omsconnect.plugin.LoaderSwap;
import io.openmessaging.omsconnect.plugin.PluginComponent;
import io.openmessaging.omsconnect.plugin.PluginDescriptorInfo;
import io.openmessaging.omsconnect.plugin.PluginHost;
import io.openmessaging.omsconnect.plugin.PluginListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link DriverRegistry} over a {@link PluginHost}: the driver named by a URL is the DRIVER
 * component with that name (an {@code io.openmessaging.<driver>.MessagingAccessPointImpl}, or an
 * {@code OmsDriver} extension); it is launched by {@link DriverLauncher} and handed out wrapped by
 * {@link ContextLoaderProxy}. Access points are shared per URL by reference count.
 *
 * <p>It listens to the host (registered by the constructor): when a driver plugin is unloaded while
 * its access points are in use, they are shut down first (the herder refuses that earlier; this is the
 * safety net), and later releases of those URLs are absorbed.
 */
public final class PluginDriverRegistry implements DriverRegistry, PluginListener {
    private static final Logger log = LoggerFactory.getLogger(PluginDriverRegistry.class);

    /** One access point and its users. Created and shut down under its own lock; refs under the registry's. */
    private static final class Shared {
        final OmsDriverUrl url;
        int refs; // guarded by the registry
        volatile PluginComponent driver;
        private MessagingAccessPoint target; // guarded by this
        private MessagingAccessPoint wrapped; // guarded by this

        Shared(OmsDriverUrl url) {
            this.url = url;
        }

        synchronized MessagingAccessPoint open(PluginComponent component) {
            if (wrapped == null) {
                driver = component;
                target = DriverLauncher.launch(component, url);
                wrapped = ContextLoaderProxy.sharedAccessPoint(target, component.loader());
                log.info("Started OMS driver {} of plugin {} for {}", url.driver(), component.pluginId(), Secrets.maskUrl(url.url()));
            }
            return wrapped;
        }

        synchronized void shutdown() {
            if (target == null) {
                return;
            }
            try (LoaderSwap ignored = LoaderSwap.to(driver.loader())) {
                target.shutdown();
                log.info("Shut down OMS driver {} for {}", url.driver(), Secrets.maskUrl(url.url()));
            } catch (RuntimeException | LinkageError e) {
                log.warn("OMS driver {} failed to shut down for {}: {}", url.driver(), Secrets.maskUrl(url.url()), e.toString());
            } finally {
                target = null;
                wrapped = null;
            }
        }
    }

    private final PluginHost host;
    private final Map<String, Shared> open = new LinkedHashMap<>(); // guarded by this
    /** Releases still owed for access points shut down under their users (plugin unloaded); guarded by this. */
    private final Map<String, Integer> orphanedRefs = new HashMap<>();
    private boolean closed; // guarded by this

    /** Registers itself as a listener of {@code host}. */
    public PluginDriverRegistry(PluginHost host) {
        this.host = host;
        host.addListener(this);
    }

    @Override
    public MessagingAccessPoint acquire(String omsDriverUrl) {
        OmsDriverUrl url = OmsDriverUrl.parse(omsDriverUrl);
        Shared shared;
        synchronized (this) {
            if (closed) {
                throw new DriverException("Driver registry is closed");
            }
            shared = open.computeIfAbsent(url.url(), u -> new Shared(url));
            shared.refs++;
        }
        try {
            // outside the registry lock: a slow driver start does not hold up other URLs
            return shared.open(driverFor(url));
        } catch (RuntimeException e) {
            dropRef(url.url(), shared);
            throw e;
        }
    }

    @Override
    public void release(String omsDriverUrl) {
        String key = omsDriverUrl == null ? null : omsDriverUrl.trim();
        Shared shared;
        synchronized (this) {
            Integer owed = orphanedRefs.get(key);
            if (owed != null) {
                if (owed <= 1) {
                    orphanedRefs.remove(key);
                } else {
                    orphanedRefs.put(key, owed - 1);
                }
                return;
            }
            shared = open.get(key);
            if (shared == null) {
                log.warn("Release of {} which is not acquired", Secrets.maskUrl(omsDriverUrl));
                return;
            }
        }
        dropRef(key, shared);
    }

    private void dropRef(String key, Shared shared) {
        synchronized (this) {
            if (--shared.refs > 0) {
                return;
            }
            open.remove(key, shared);
            // under the lock, so a new acquire of the same URL can't start a second access point
            // while this one is still shutting down
            shared.shutdown();
        }
    }

    @Override
    public List<DriverInfo> drivers() {
        Map<String, List<String>> urlsByDriver = new HashMap<>();
        synchronized (this) {
            for (Shared shared : open.values()) {
                PluginComponent driver = shared.driver;
                if (driver != null && shared.refs > 0) {
                    urlsByDriver.computeIfAbsent(driver.pluginId() + "/" + driver.className(), k -> new ArrayList<>())
                            .add(shared.url.url());
                }
            }
        }
        List<DriverInfo> drivers = new ArrayList<>();
        for (PluginComponent component : driverComponents()) {
            List<String> urls = urlsByDriver.getOrDefault(component.pluginId() + "/" + component.className(), List.of());
            drivers.add(new DriverInfo(component.driverName(), component.pluginId(), component.className(), List.copyOf(urls),
                    DriverFeatures.of(component)));
        }
        return drivers;
    }

    @Override
    public synchronized boolean inUse(String pluginId) {
        return open.values().stream().anyMatch(s -> s.refs > 0 && s.driver != null && s.driver.pluginId().equals(pluginId));
    }

    @Override
    public void pluginUnloading(PluginDescriptorInfo plugin) {
        synchronized (this) {
            for (Shared shared : List.copyOf(open.values())) {
                PluginComponent driver = shared.driver;
                if (driver != null && driver.pluginId().equals(plugin.id())) {
                    log.warn("Plugin {} is being unloaded while {} user(s) hold {}: shutting it down",
                            plugin.id(), shared.refs, shared.url.url());
                    open.remove(shared.url.url());
                    orphanedRefs.merge(shared.url.url(), shared.refs, Integer::sum);
                    shared.shutdown();
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            for (Shared shared : open.values()) {
                shared.shutdown();
            }
            open.clear();
            orphanedRefs.clear();
        }
    }

    private PluginComponent driverFor(OmsDriverUrl url) {
        List<PluginComponent> offering = driverComponents().stream()
                .filter(c -> url.driver().equals(c.driverName()))
                // the OMS naming rule first, then by plugin id: the same choice at every start
                .sorted(Comparator.comparing((PluginComponent c) -> !c.className().equals(url.namingRuleClass()))
                        .thenComparing(PluginComponent::pluginId))
                .toList();
        if (offering.isEmpty()) {
            List<String> known = driverComponents().stream().map(PluginComponent::driverName).distinct().sorted().toList();
            throw new DriverException("No plugin offers OMS driver '" + url.driver() + "' for " + Secrets.maskUrl(url.url())
                    + " (drivers available: " + known + ")");
        }
        if (offering.size() > 1) {
            log.warn("OMS driver '{}' is offered by {} plugins; using {} of plugin {}", url.driver(), offering.size(),
                    offering.get(0).className(), offering.get(0).pluginId());
        }
        return offering.get(0);
    }

    private List<PluginComponent> driverComponents() {
        return host.components().stream().filter(c -> c.type() == ComponentType.DRIVER).toList();
    }
}
