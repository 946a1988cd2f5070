package io.openmessaging.omsconnect.config;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretsTest {

    @Test
    void keysNamingPasswordSecretOrTokenAreSecretInAnyCase() {
        for (String key : List.of("password", "jdbc.PASSWORD", "basicPassword", "oauth2ClientSecret", "secret.key",
                "restToken", "ACCESS_TOKEN")) {
            assertTrue(Secrets.isSecret(key), key);
        }
        for (String key : List.of("name", "connector.class", "file", "pass")) {
            assertFalse(Secrets.isSecret(key), key);
        }
        assertFalse(Secrets.isSecret(null));
    }

    @Test
    void maskKeepsOrderAndKeysAndHidesSecretValuesAndUrlPasswords() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("name", "c1");
        config.put("db.password", "hunter2");
        config.put("apiToken", "t0k");
        config.put("oms-driver-url", "oms:rabbitmq://guest:guest@127.0.0.1:5672/vh");
        config.put("empty.secret", null);
        Map<String, String> masked = Secrets.mask(config);
        assertEquals(List.of("name", "db.password", "apiToken", "oms-driver-url", "empty.secret"), List.copyOf(masked.keySet()));
        assertEquals("c1", masked.get("name"));
        assertEquals(Secrets.MASK, masked.get("db.password"));
        assertEquals(Secrets.MASK, masked.get("apiToken"));
        assertEquals("oms:rabbitmq://guest:******@127.0.0.1:5672/vh", masked.get("oms-driver-url"));
        assertNull(masked.get("empty.secret"));
        assertEquals("hunter2", config.get("db.password"), "the input is not changed");
        assertNull(Secrets.mask(null));
    }

    @Test
    void urlsWithoutPasswordsAreUnchanged() {
        assertEquals("oms:local:///tmp/mq/default", Secrets.maskUrl("oms:local:///tmp/mq/default"));
        assertEquals("oms:rocketmq://127.0.0.1:9876/ns", Secrets.maskUrl("oms:rocketmq://127.0.0.1:9876/ns"));
        assertEquals("mailto:a@b", Secrets.maskUrl("mailto:a@b"));
        assertEquals("jdbc:mysql://root:******@localhost:3306/db", Secrets.maskUrl("jdbc:mysql://root:pw@localhost:3306/db"));
    }
}
