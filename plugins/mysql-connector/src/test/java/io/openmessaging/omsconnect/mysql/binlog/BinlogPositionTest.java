package io.openmessaging.omsconnect.mysql.binlog;

import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.errors.ConnectException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinlogPositionTest {

    @Test
    void roundTripsThroughAnOffsetEvenAsStrings() {
        BinlogPosition p = new BinlogPosition("bin.000003", 1234, 2, 7);
        assertEquals(p, BinlogPosition.fromOffset(p.toOffset()));
        // an offset store that kept only strings
        assertEquals(p, BinlogPosition.fromOffset(new RecordOffset(Map.of("file", "bin.000003", "pos", "1234", "event", "2", "row", "7"))));
        assertNull(BinlogPosition.fromOffset(null));
    }

    @Test
    void parsesFileColonPos() {
        assertEquals(BinlogPosition.boundary("mysql-bin.000001", 4), BinlogPosition.parse("mysql-bin.000001:4"));
        assertThrows(ConnectException.class, () -> BinlogPosition.parse("mysql-bin.000001"));
        assertThrows(ConnectException.class, () -> BinlogPosition.parse("f:x"));
    }

    @Test
    void skipsExactlyWhatWasCommitted() {
        BinlogPosition committed = new BinlogPosition("f", 10, 1, 5);
        assertTrue(new BinlogPosition("f", 10, 0, 99).notAfter(committed));
        assertTrue(new BinlogPosition("f", 10, 1, 5).notAfter(committed));
        assertFalse(new BinlogPosition("f", 10, 1, 6).notAfter(committed));
        assertFalse(new BinlogPosition("f", 10, 2, 0).notAfter(committed));
    }
}
