package io.openmessaging.omsconnect.mysql.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EnumElementsTest {

    @Test
    void parsesQuotedMembersWithEscapes() {
        assertEquals(List.of("a", "it's", "b,c", ""), EnumElements.parse("enum('a','it''s','b,c','')"));
        assertEquals(List.of("x", "y"), EnumElements.parse("set('x','y')"));
    }
}
