package io.openmessaging.omsconnect.herder;

import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.ConfigType;
import io.openmessaging.omsconnect.config.Secrets;
import io.openmessaging.omsconnect.rest.entity.ConfigInfos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the result of validating a connector config into Kafka Connect's {@link ConfigInfos}: one entry
 * per declared key (the worker's, the connector's, each transform's and predicate's), under the spelling the
 * caller used, with its value (secrets masked) and problems.
 */
final class ConfigValidation {
    private final String name;
    private final Set<String> groups = new LinkedHashSet<>();
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private record Entry(ConfigInfos.ConfigKeyInfo definition, String value, List<String> recommended, List<String> errors) {
    }

    ConfigValidation(String name) {
        this.name = name;
    }

    /** A declared key, shown as {@code spelled}, given as {@code text} (null: absent, its default is shown). */
    void declared(ConfigKey key, String spelled, String text, List<String> problems) {
        if (key.group() != null) {
            groups.add(key.group());
        }
        String value = text != null ? text : key.defaultText();
        boolean secret = key.type() == ConfigType.PASSWORD || Secrets.isSecret(spelled);
        Entry entry = new Entry(ConfigInfos.ConfigKeyInfo.of(key, spelled), value != null && secret ? Secrets.MASK : Secrets.maskUrl(value),
                key.recommendedValues(), new ArrayList<>(problems));
        Entry before = entries.putIfAbsent(spelled, entry);
        if (before != null) {
            before.errors().addAll(problems);
        }
    }

    /** A problem with {@code key} (as spelled); a key no definition declares gets an entry of its own. */
    void error(String key, String text, String message) {
        entries.computeIfAbsent(key, k -> new Entry(ConfigInfos.ConfigKeyInfo.undeclared(k),
                text != null && Secrets.isSecret(k) ? Secrets.MASK : Secrets.maskUrl(text), List.of(), new ArrayList<>())).errors().add(message);
    }

    int errorCount() {
        return entries.values().stream().mapToInt(e -> e.errors().size()).sum();
    }

    /** The first key with a problem and its problems, for the 400 of a create. */
    Map.Entry<String, List<String>> firstError() {
        return entries.entrySet().stream().filter(e -> !e.getValue().errors().isEmpty())
                .map(e -> Map.entry(e.getKey(), e.getValue().errors())).findFirst().orElse(null);
    }

    ConfigInfos result() {
        List<ConfigInfos.ConfigInfo> infos = new ArrayList<>();
        entries.forEach((key, e) -> infos.add(new ConfigInfos.ConfigInfo(e.definition(),
                new ConfigInfos.ConfigValueInfo(key, e.value(), e.recommended(), List.copyOf(e.errors()), true))));
        return new ConfigInfos(name, errorCount(), List.copyOf(groups), infos);
    }
}
