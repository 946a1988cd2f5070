package io.openmessaging.omsconnect.api.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigDefTest {
    private final ConfigDef def = new ConfigDef()
            .define(ConfigKey.builder("tasks.max").aliases("max-task", "max.tasks").type(ConfigType.INT).defaultValue(1)
                    .validator(Validator.atLeast(1)).group("Common").build())
            .define(ConfigKey.builder("connector.class").aliases("connector-class").type(ConfigType.CLASS)
                    .importance(Importance.HIGH).group("Common").build())
            .define(ConfigKey.builder("errors.tolerance").defaultValue("none").validator(Validator.oneOf("none", "all"))
                    .group("Error Handling").build())
            .define(ConfigKey.builder("topics").type(ConfigType.LIST).defaultValue(List.of()).build())
            .define(ConfigKey.builder("password").type(ConfigType.PASSWORD).defaultValue(null).build());

    @Test
    void valuesAreReadUnderAnySpellingTypedAndDefaulted() {
        ParsedConfig parsed = def.parse(Map.of("max-task", " 3 ", "connector-class", "a.B", "topics", "x, y,,z",
                "my.own", "kept"));
        assertTrue(parsed.isValid(), parsed.errors().toString());
        assertEquals(3, parsed.getInt("tasks.max"));
        assertEquals("max-task", parsed.spelling("tasks.max"));
        assertEquals(" 3 ", parsed.text("tasks.max"));
        assertEquals("a.B", parsed.getString("connector.class"));
        assertEquals("none", parsed.getString("errors.tolerance"));
        assertEquals(List.of("x", "y", "z"), parsed.getList("topics"));
        assertNull(parsed.get("password"));
        assertEquals("kept", parsed.originals().get("my.own"));
    }

    @Test
    void everyProblemLandsOnTheKeyAsSpelledAndOrThrowNamesIt() {
        ParsedConfig parsed = def.parse(Map.of("max.tasks", "two", "errors.tolerance", "sometimes", "password", ""));
        assertFalse(parsed.isValid());
        assertEquals(List.of("Invalid value two for configuration max.tasks: expected a 32-bit integer"), parsed.errors().get("tasks.max"));
        assertEquals(List.of("Invalid value sometimes for configuration errors.tolerance: must be one of none, all"),
                parsed.errors().get("errors.tolerance"));
        assertEquals(List.of("Missing required configuration \"connector.class\" which has no default value."),
                parsed.errors().get("connector.class"));
        ConfigException e = assertThrows(ConfigException.class, parsed::orThrow);
        assertEquals("max.tasks", e.key());
        assertEquals("Invalid value 0 for configuration tasks.max: must be at least 1",
                def.parse(Map.of("tasks.max", "0", "connector.class", "a.B")).errors().get("tasks.max").get(0));
    }

    @Test
    void groupsNumberTheirKeysInDefinitionOrderAndSpellingsAreUnique() {
        assertEquals(List.of("Common", "Error Handling"), def.groups());
        assertEquals(1, def.key("max-task").orElseThrow().orderInGroup());
        assertEquals(2, def.key("connector.class").orElseThrow().orderInGroup());
        assertEquals(1, def.key("errors.tolerance").orElseThrow().orderInGroup());
        assertEquals(List.of("none", "all"), def.key("errors.tolerance").orElseThrow().recommendedValues());
        assertTrue(def.key("connector.class").orElseThrow().required());
        assertNull(def.key("connector.class").orElseThrow().defaultText());
        assertEquals("1", def.key("tasks.max").orElseThrow().defaultText());
        assertThrows(IllegalStateException.class, () -> def.define(ConfigKey.builder("max.tasks").build()));
        assertThrows(IllegalStateException.class, () -> ConfigKey.builder("n").type(ConfigType.INT).defaultValue(0)
                .validator(Validator.atLeast(1)).build());
    }

    @Test
    void aSecretIsNeverEchoedInAnError() {
        ConfigDef secret = new ConfigDef().define(ConfigKey.builder("pw").type(ConfigType.PASSWORD)
                .validator(v -> v.toString().length() < 8 ? "is too short" : null).build());
        String error = secret.parse(Map.of("pw", "hunter2")).errors().get("pw").get(0);
        assertFalse(error.contains("hunter2"), error);
    }
}
