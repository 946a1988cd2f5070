package io.openmessaging.omsconnect.mysql;

import io.openmessaging.connector.api.errors.ConnectException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableFilterTest {

    @Test
    void literalEntriesMatchExactlyAndRegexesMatchWhole() {
        TableFilter f = TableFilter.of("shop.orders, app\\.log_.*", "app.log_tmp");
        assertTrue(f.accepts("shop", "orders"));
        assertFalse(f.accepts("shop", "ordersX"));
        assertFalse(f.accepts("shopXorders", ""));
        assertTrue(f.accepts("app", "log_2024"));
        assertFalse(f.accepts("app", "log_tmp"));
    }

    @Test
    void emptyIncludeMeansAllButSystemSchemas() {
        TableFilter f = TableFilter.of("", "");
        assertTrue(f.accepts("any", "t"));
        assertFalse(f.accepts("mysql", "user"));
    }

    @Test
    void badRegexIsAConfigError() {
        assertThrows(ConnectException.class, () -> TableFilter.of("a.(", ""));
    }
}
