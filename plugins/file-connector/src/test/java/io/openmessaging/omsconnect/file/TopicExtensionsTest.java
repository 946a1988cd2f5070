package io.openmessaging.omsconnect.file;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicExtensionsTest {
    @Test
    void behavesAsAKeyValueWhateverATransformAdds() {
        TopicExtensions ext = new TopicExtensions("lines");
        assertEquals(Set.of("topic"), ext.keySet());
        assertEquals("lines", ext.getString("topic"));
        assertNull(ext.getString("other"));
        assertFalse(ext.containsKey("other"));
        assertEquals(7, ext.getInt("n", 7));

        ext.put("n", 42).put("topic", "routed").put("table", "orders");
        assertEquals(Set.of("topic", "n", "table"), ext.keySet());
        assertEquals("routed", ext.getString("topic"));
        assertEquals(42, ext.getInt("n"));
        assertEquals(42L, ext.getLong("n"));
        assertTrue(ext.containsKey("table"));
        assertEquals("x", ext.getString("missing", "x"));
    }
}
