package io.openmessaging.rabbitmq.connection;

import io.openmessaging.KeyValue;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.internal.DefaultKeyValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ConnectionSettingsTest {

    @Test
    void credentialsHostPortAndDefaultVhost() {
        ConnectionSettings settings = ConnectionSettings.from(attributes("guest:guest@127.0.0.1:5672", "default"));
        assertEquals("guest", settings.username());
        assertEquals("guest", settings.password());
        assertEquals("127.0.0.1", settings.addresses().get(0).getHost());
        assertEquals(5672, settings.addresses().get(0).getPort());
        assertEquals("/", settings.virtualHost());
        assertEquals(5000, settings.connectionTimeoutMs());
    }

    @Test
    void vhostNames() {
        assertEquals("/", ConnectionSettings.virtualHost("%2F"));
        assertEquals("/", ConnectionSettings.virtualHost(""));
        assertEquals("/", ConnectionSettings.virtualHost(null));
        assertEquals("orders", ConnectionSettings.virtualHost("orders"));
        assertEquals("/prod", ConnectionSettings.virtualHost("%2Fprod"));
    }

    @Test
    void defaultsAndSeveralHosts() {
        ConnectionSettings settings = ConnectionSettings.from(attributes("h1,h2:5673", "v"));
        assertEquals("guest", settings.username());
        assertEquals(2, settings.addresses().size());
        assertEquals(5672, settings.addresses().get(0).getPort());
        assertEquals("h2", settings.addresses().get(1).getHost());
        assertEquals(5673, settings.addresses().get(1).getPort());
    }

    @Test
    void percentEncodedPasswordIsDecodedAndNeverDescribed() {
        KeyValue attributes = attributes("app:p%40ss+w%3Ard@rabbit:5672", "default");
        attributes.put(ConnectionSettings.CONNECTION_TIMEOUT_MS, 1500);
        ConnectionSettings settings = ConnectionSettings.from(attributes);
        assertEquals("app", settings.username());
        assertEquals("p@ss+w:rd", settings.password());
        assertEquals(1500, settings.connectionTimeoutMs());
        assertFalse(settings.describe().contains("p@ss"));
    }

    private static KeyValue attributes(String accessPoints, String region) {
        KeyValue attributes = new DefaultKeyValue();
        attributes.put(OMSBuiltinKeys.ACCESS_POINTS, accessPoints);
        attributes.put(OMSBuiltinKeys.REGION, region);
        return attributes;
    }
}
