package io.openmessaging.omsconnect.file;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.api.config.Width;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code file} setting both connectors share: one path (the file need not exist yet, but must
 * not be a directory), made absolute so offsets name the file unambiguously; and the reading of a
 * connector config with its definition, whose problems become the ConnectException the worker shows.
 */
final class FilePathSetting {

    static final String KEY = "file";
    static final String GROUP = "File";

    private FilePathSetting() {
    }

    static ConfigKey key(String documentation) {
        return ConfigKey.builder(KEY).importance(Importance.HIGH).group(GROUP).width(Width.LONG).displayName("File")
            .validator(value -> {
                try {
                    return Files.isDirectory(Path.of(value.toString())) ? "is a directory" : null;
                } catch (InvalidPathException e) {
                    return "is not a path: " + e.getMessage();
                }
            })
            .documentation(documentation).build();
    }

    /** {@code config} read with {@code definition}; the first problem thrown, naming its key. */
    static ParsedConfig parse(ConfigDef definition, KeyValue config) {
        if (config == null) {
            throw new ConnectException("connector config is missing");
        }
        Map<String, String> text = new HashMap<>();
        for (String key : config.keySet()) {
            text.put(key, config.getString(key));
        }
        ParsedConfig parsed = definition.parse(text);
        for (Map.Entry<String, List<String>> problem : parsed.errors().entrySet()) {
            throw new ConnectException("invalid config '" + parsed.spelling(problem.getKey()) + "': "
                + String.join("; ", problem.getValue()));
        }
        return parsed;
    }

    static Path path(ParsedConfig parsed) {
        return Path.of(parsed.getString(KEY)).toAbsolutePath().normalize();
    }
}
