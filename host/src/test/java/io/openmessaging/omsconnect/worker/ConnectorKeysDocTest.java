package io.openmessaging.omsconnect.worker;

import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's table of the connector keys the worker reads is generated from {@link ConnectorKeys}: this
 * test fails when they differ. {@code -Domsconnect.updateReadme=true} writes the table into the README.
 */
class ConnectorKeysDocTest {
    private static final String BEGIN = "<!-- connector-keys:begin (generated from ConnectorKeys by ConnectorKeysDocTest) -->";
    private static final String END = "<!-- connector-keys:end -->";

    @Test
    void theReadmeTableIsTheDeclaredKeys() throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "README.md has no " + BEGIN + " … " + END + " section");
        String expected = table();
        String actual = text.substring(begin + BEGIN.length(), end);
        if (!expected.equals(actual) && Boolean.getBoolean("omsconnect.updateReadme")) {
            Files.writeString(readme, text.substring(0, begin + BEGIN.length()) + expected + text.substring(end));
            return;
        }
        assertEquals(expected, actual, "README.md's connector key table is not ConnectorKeys': run this test with "
                + "-Domsconnect.updateReadme=true to write it");
    }

    /** One row per key: common keys, then the source's, then the sink's. */
    static String table() {
        Map<String, String> appliesTo = new LinkedHashMap<>();
        ConnectorKeys.COMMON_KEYS.keys().forEach(k -> appliesTo.put(k.name(), "all"));
        only(ConnectorKeys.SOURCE_KEYS).forEach(k -> appliesTo.put(k.name(), "source"));
        only(ConnectorKeys.SINK_KEYS).forEach(k -> appliesTo.put(k.name(), "sink"));
        StringBuilder out = new StringBuilder("\n| key (also read as) | type | default | connectors | meaning |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, String> row : appliesTo.entrySet()) {
            ConfigKey key = ConnectorKeys.SOURCE_KEYS.key(row.getKey()).or(() -> ConnectorKeys.SINK_KEYS.key(row.getKey())).orElseThrow();
            String aliases = key.aliases().isEmpty() ? "" : " (" + key.aliases().stream().map(a -> "`" + a + "`")
                    .collect(Collectors.joining(", ")) + ")";
            String defaultValue = key.required() ? "required"
                    : key.defaultText() == null || key.defaultText().isEmpty() ? "" : "`" + key.defaultText() + "`";
            String valid = key.recommendedValues().isEmpty() ? "" : " One of: " + String.join(", ", key.recommendedValues()) + ".";
            out.append("| `").append(key.name()).append('`').append(aliases).append(" | ").append(key.type().name().toLowerCase())
                    .append(" | ").append(defaultValue).append(" | ").append(row.getValue()).append(" | ")
                    .append(key.documentation().replace("<", "&lt;").replace(">", "&gt;")).append(valid).append(" |\n");
        }
        return out.toString();
    }

    private static List<ConfigKey> only(ConfigDef def) {
        List<ConfigKey> keys = new ArrayList<>();
        for (ConfigKey key : def.keys()) {
            if (ConnectorKeys.COMMON_KEYS.key(key.name()).isEmpty()) {
                keys.add(key);
            }
        }
        return keys;
    }
}
