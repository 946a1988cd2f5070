package io.openmessaging.omsconnect.herder;

import io.openmessaging.connector.api.component.Component;
import io.openmessaging.connector.api.component.connector.Connector;
import io.openmessaging.omsconnect.api.Predicate;
import io.openmessaging.omsconnect.api.config.ConfigDeclaring;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigException;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.ConfigType;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.convert.Converters;
import io.openmessaging.omsconnect.plugin.ComponentType;
import io.openmessaging.omsconnect.plugin.LoaderSwap;
import io.openmessaging.omsconnect.plugin.PluginComponent;
import io.openmessaging.omsconnect.plugin.PluginHost;
import io.openmessaging.omsconnect.rest.entity.ConfigInfos;
import io.openmessaging.omsconnect.transform.PredicateSpec;
import io.openmessaging.omsconnect.transform.TransformSpec;
import io.openmessaging.omsconnect.worker.ConnectorConfig;
import io.openmessaging.omsconnect.worker.ConnectorKeys;
import io.openmessaging.omsconnect.worker.KeyValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates a connector config as Kafka Connect does, before anything is stored or started: the worker's
 * keys ({@link ConnectorKeys}), the connector's, each transform's and each predicate's declared keys
 * ({@link ConfigDeclaring}), the classes they name, the driver URL, and last the components' own
 * {@code validate}. Every problem lands on the key as the caller spelled it.
 */
final class ConnectorValidator {
    /** A config key quoted in a validation message: 'file' or "file". */
    private static final Pattern QUOTED_KEY = Pattern.compile("['\"]([A-Za-z][A-Za-z0-9._-]*)['\"]");

    private final PluginHost plugins;
    private final Converters converters;
    /** driver URL → what is wrong with it, or null */
    private final Function<String, String> driverProblem;
    private final String defaultDriverUrl;

    ConnectorValidator(PluginHost plugins, Converters converters, Function<String, String> driverProblem, String defaultDriverUrl) {
        this.plugins = plugins;
        this.converters = converters;
        this.driverProblem = driverProblem;
        this.defaultDriverUrl = defaultDriverUrl;
    }

    ConfigInfos validate(ConnectorConfig cc) {
        return check(cc).result();
    }

    /**
     * The config, checked for a create or update.
     *
     * @throws BadRequestException naming the first key with a problem, as spelled
     */
    void requireValid(ConnectorConfig cc) {
        Map.Entry<String, List<String>> first = check(cc).firstError();
        if (first != null) {
            throw new BadRequestException(first.getKey(), first.getKey() + ": " + String.join("; ", first.getValue()));
        }
    }

    private ConfigValidation check(ConnectorConfig cc) {
        ConfigValidation v = new ConfigValidation(cc.connectorClass());
        String className = cc.connectorClass();
        PluginComponent connector = className == null ? null : plugins.component(className)
                .filter(c -> c.type() == ComponentType.SOURCE || c.type() == ComponentType.SINK).orElse(null);
        ConfigDef workerKeys = connector == null ? ConnectorKeys.COMMON_KEYS
                : connector.type() == ComponentType.SINK ? ConnectorKeys.SINK_KEYS : ConnectorKeys.SOURCE_KEYS;
        ParsedConfig parsed = cc.parsed();
        for (ConfigKey key : workerKeys.keys()) {
            v.declared(key, parsed.spelling(key.name()), parsed.text(key.name()),
                    parsed.errors().getOrDefault(key.name(), List.of()));
        }
        if (className != null && connector == null) {
            v.error(cc.spelling(ConnectorKeys.CONNECTOR_CLASS), className, abstractInAPlugin(className)
                    ? className + " is abstract: name a concrete connector class"
                    : "no connector class " + className + " in any loaded plugin (see GET /connector-plugins)");
        }
        String url = cc.omsDriverUrl(defaultDriverUrl);
        String driverError = driverProblem.apply(url);
        if (driverError != null) {
            v.error(cc.spelling(ConnectorKeys.OMS_DRIVER_URL), url, driverError);
        }
        if (connector != null && connector.type() == ComponentType.SINK && parsed.isValid() && cc.topics().isEmpty()) {
            v.error(cc.spelling(ConnectorKeys.TOPICS), null, "required for a sink connector");
        }
        for (String key : List.of(ConnectorKeys.VALUE_CONVERTER, ConnectorKeys.KEY_CONVERTER)) {
            if (!converters.exists(cc.get(key))) {
                v.error(cc.spelling(key), cc.get(key), "unknown converter class " + cc.get(key));
            }
        }
        checkPredicates(cc, v);
        checkTransforms(cc, v);
        if (connector != null) {
            String classKey = cc.spelling(ConnectorKeys.CONNECTOR_CLASS);
            Component instance;
            try {
                instance = plugins.newInstance(connector.className(), Connector.class);
            } catch (RuntimeException e) {
                v.error(classKey, className, e.getMessage());
                return v;
            }
            checkDeclared(instance, "", cc.asMap(), v);
            if (v.errorCount() == 0) {
                validateWith(instance, cc.asMap(), "", classKey, v);
            }
        }
        return v;
    }

    private void checkPredicates(ConnectorConfig cc, ConfigValidation v) {
        for (PredicateSpec spec : PredicateSpec.of(cc)) {
            String group = "Predicates: " + spec.alias();
            Optional<Component> predicate = component(spec.classKey(), spec.className(), ComponentType.PREDICATE,
                    Predicate.class, group, v);
            predicate.ifPresent(p -> {
                checkDeclared(p, spec.prefix(), spec.ownConfig(), v);
                validateWith(p, spec.ownConfig(), spec.prefix(), spec.classKey(), v);
            });
        }
    }

    private void checkTransforms(ConnectorConfig cc, ConfigValidation v) {
        Set<String> predicates = Set.copyOf(cc.predicateAliases());
        for (TransformSpec spec : TransformSpec.of(cc)) {
            String group = "Transforms: " + spec.alias();
            Optional<Component> transform = component(spec.classKey(), spec.className(), ComponentType.TRANSFORM,
                    io.openmessaging.connector.api.component.Transform.class, group, v);
            if (spec.predicate() != null && !predicates.contains(spec.predicate())) {
                v.error(spec.key("predicate"), spec.predicate(), "predicate " + spec.predicate()
                        + " is not listed in " + ConnectorKeys.PREDICATES);
            }
            try {
                spec.negate();
            } catch (IllegalArgumentException e) {
                v.error(spec.key("negate"), spec.negateText(), e.getMessage());
            }
            transform.ifPresent(t -> {
                checkDeclared(t, spec.prefix(), spec.ownConfig(), v);
                validateWith(t, spec.ownConfig(), spec.prefix(), spec.classKey(), v);
            });
        }
    }

    /** The class a {@code .type} key names, shown in its group; empty (with the error recorded) when unusable. */
    private <T> Optional<Component> component(String key, String className, ComponentType type, Class<T> api,
                                              String group, ConfigValidation v) {
        ConfigKey classKey = ConfigKey.builder(key).type(ConfigType.CLASS).importance(Importance.HIGH)
                .documentation("Class of the plugin (or an alias).").group(group).orderInGroup(1).displayName(key).build();
        List<String> problems = new ArrayList<>();
        Optional<PluginComponent> found = className == null ? Optional.empty() : plugins.component(className);
        if (className == null) {
            problems.add("Missing required configuration \"" + key + "\" which has no default value.");
        } else if (found.isEmpty()) {
            problems.add(abstractInAPlugin(className)
                    ? className + " is abstract: name a concrete " + type.kafkaType() + " class"
                    : "no " + type.kafkaType() + " class " + className + " in any loaded plugin (see GET /connector-plugins?connectorsOnly=false)");
        } else if (found.get().type() != type) {
            problems.add(className + " is a " + found.get().type().kafkaType() + ", not a " + type.kafkaType());
        }
        v.declared(classKey, key, className, problems);
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of((Component) plugins.newInstance(found.get().className(), api));
        } catch (RuntimeException e) {
            v.error(key, className, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Whether a loaded plugin defines {@code className} as an abstract class or an interface: discovery skips
     * those, so "unknown" would mislead (RocketMQ Connect's transforms plugin has abstract bases next to its
     * concrete {@code $Key}/{@code $Value} classes).
     */
    private boolean abstractInAPlugin(String className) {
        Set<ClassLoader> loaders = new java.util.LinkedHashSet<>();
        plugins.components().forEach(c -> loaders.add(c.loader()));
        for (ClassLoader loader : loaders) {
            try {
                Class<?> type = Class.forName(className, false, loader);
                if (type.getClassLoader() == loader && (type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers()))) {
                    return true;
                }
            } catch (ClassNotFoundException | LinkageError notThere) {
                // not in this plugin
            }
        }
        return false;
    }

    /** The component's declared keys, read from {@code config} (its own keys, prefix removed), shown with the prefix. */
    private void checkDeclared(Component component, String prefix, Map<String, String> config, ConfigValidation v) {
        if (!(component instanceof ConfigDeclaring declaring)) {
            return;
        }
        ConfigDef def;
        try (LoaderSwap ignored = LoaderSwap.to(component.getClass().getClassLoader())) {
            def = declaring.config();
        }
        ParsedConfig parsed = def.parse(config);
        for (ConfigKey key : def.keys()) {
            v.declared(key, prefix + parsed.spelling(key.name()), parsed.text(key.name()),
                    parsed.errors().getOrDefault(key.name(), List.of()));
        }
    }

    /**
     * The component's own validate(): its message is the error, on the key it names (a {@link ConfigException}'s
     * key, else one it quotes or mentions, shown with {@code prefix}), else on {@code fallbackKey}.
     */
    private void validateWith(Component component, Map<String, String> config, String prefix, String fallbackKey,
                              ConfigValidation v) {
        try (LoaderSwap ignored = LoaderSwap.to(component.getClass().getClassLoader())) {
            component.validate(KeyValues.of(config));
        } catch (Throwable t) {
            String message = t.getMessage() == null ? t.toString() : t.getMessage();
            String field = t instanceof ConfigException e && e.key() != null ? e.key() : fieldNamedIn(message, config.keySet());
            v.error(field == null ? fallbackKey : prefix + field, field == null ? null : config.get(field), message);
        }
    }

    /**
     * The config key a validation message is about, so the error lands on that key as in Kafka Connect: a
     * quoted key of the config, else a key of the config the message mentions, else a quoted key-like word
     * (a required key that is missing); null when none.
     */
    static String fieldNamedIn(String message, Set<String> keys) {
        List<String> quoted = new ArrayList<>();
        Matcher m = QUOTED_KEY.matcher(message);
        while (m.find()) {
            quoted.add(m.group(1));
        }
        return quoted.stream().filter(keys::contains).findFirst()
                .or(() -> keys.stream().filter(message::contains).findFirst())
                .or(() -> quoted.stream().findFirst())
                .orElse(null);
    }
}
