package io.openmessaging.omsconnect.plugin;

import io.openmessaging.KeyValue;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.connector.api.component.Transform;
import io.openmessaging.connector.api.component.task.sink.SinkConnector;
import io.openmessaging.connector.api.component.task.source.SourceConnector;
import io.openmessaging.connector.api.data.RecordConverter;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.OmsDriver;
import io.openmessaging.omsconnect.api.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns scan candidates into components by loading each with the plugin's loader and checking what the
 * bytes promised: defined by this plugin (not a bundled copy of a shared API), public and concrete,
 * of the right host type, and constructible the way the host will construct it. Candidates that fail are
 * skipped with a debug line: a fat jar holds many classes that are not ours to run.
 */
final class ComponentVerifier {
    private static final Logger log = LoggerFactory.getLogger(ComponentVerifier.class);

    private static final Map<ComponentType, Class<?>> HOST_TYPES = Map.of(
            ComponentType.SOURCE, SourceConnector.class,
            ComponentType.SINK, SinkConnector.class,
            ComponentType.TRANSFORM, Transform.class,
            ComponentType.CONVERTER, RecordConverter.class,
            ComponentType.PREDICATE, Predicate.class);

    private ComponentVerifier() {
    }

    static List<PluginComponent> verify(List<ComponentScanner.Candidate> candidates, String pluginId, String version,
                                        ClassLoader loader) {
        List<PluginComponent> components = new ArrayList<>();
        for (ComponentScanner.Candidate candidate : candidates) {
            try {
                PluginComponent component = verifyOne(candidate, pluginId, version, loader);
                if (component != null) {
                    components.add(component);
                }
            } catch (Exception | LinkageError e) {
                log.debug("Plugin {}: {} is not a usable {}: {}", pluginId, candidate.className(), candidate.type(), e.toString());
            }
        }
        return List.copyOf(components);
    }

    private static PluginComponent verifyOne(ComponentScanner.Candidate candidate, String pluginId, String version,
                                             ClassLoader loader) throws Exception {
        Class<?> type = Class.forName(candidate.className(), false, loader);
        int modifiers = type.getModifiers();
        if (type.getClassLoader() != loader || !Modifier.isPublic(modifiers)
                || Modifier.isAbstract(modifiers) || type.isInterface()) {
            return null;
        }
        if (candidate.type() != ComponentType.DRIVER) {
            Class<?> hostType = HOST_TYPES.get(candidate.type());
            if (!hostType.isAssignableFrom(type)) {
                return null;
            }
            type.getConstructor();
            Aliases aliases = type.getAnnotation(Aliases.class);
            return new PluginComponent(type.getName(), candidate.type(), version, pluginId, null, loader,
                    aliases == null ? List.of() : List.of(aliases.value()));
        }
        if (candidate.driverName() != null) { // the OMS naming rule
            if (!MessagingAccessPoint.class.isAssignableFrom(type)) {
                return null;
            }
            type.getConstructor(KeyValue.class);
            return new PluginComponent(type.getName(), ComponentType.DRIVER, version, pluginId, candidate.driverName(), loader);
        }
        if (!OmsDriver.class.isAssignableFrom(type)) {
            return null;
        }
        String name;
        try (LoaderSwap ignored = LoaderSwap.to(loader)) {
            name = ((OmsDriver) type.getConstructor().newInstance()).name();
        }
        return name == null || name.isBlank() ? null
                : new PluginComponent(type.getName(), ComponentType.DRIVER, version, pluginId, name, loader);
    }
}
