package io.openmessaging.omsconnect.driver;

import io.openmessaging.KeyValue;
import io.openmessaging.OMSBuiltinKeys;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OmsDriverUrlTest {

    @Test
    void splitsDriverAccessPointsAndNamespace() {
        OmsDriverUrl url = OmsDriverUrl.parse("oms:rocketmq://alice@127.0.0.1:9876,127.0.0.2:9876/ns1");
        assertEquals("rocketmq", url.driver());
        assertEquals("127.0.0.1:9876,127.0.0.2:9876", url.accessPoints());
        assertEquals("ns1", url.region());
        assertEquals("alice", url.accountId());
        assertEquals("io.openmessaging.rocketmq.MessagingAccessPointImpl", url.namingRuleClass());
    }

    @Test
    void aLocalPathKeepsItsSlashes() {
        OmsDriverUrl url = OmsDriverUrl.parse("oms:local:///var/lib/mq@2/ns");
        assertEquals("/var/lib/mq@2", url.accessPoints());
        assertEquals("ns", url.region());
        assertNull(url.accountId());
    }

    @Test
    void attributesAreTheOmsBuiltinKeysPlusTheWholeUrl() {
        KeyValue kv = OmsDriverUrl.parse("oms:fake://x/ns").attributes("io.openmessaging.fake.MessagingAccessPointImpl");
        assertEquals(Set.of(OMSBuiltinKeys.DRIVER_IMPL, OMSBuiltinKeys.ACCESS_POINTS, OMSBuiltinKeys.REGION, OmsDriverUrl.OMS_DRIVER_URL),
                kv.keySet());
        assertEquals("x", kv.getString(OMSBuiltinKeys.ACCESS_POINTS));
        assertEquals("ns", kv.getString(OMSBuiltinKeys.REGION));
        assertEquals("oms:fake://x/ns", kv.getString(OmsDriverUrl.OMS_DRIVER_URL));
    }

    @Test
    void aQueryAddsDriverKeysAndIsNoPartOfTheNamespace() {
        OmsDriverUrl url = OmsDriverUrl.parse("oms:rocketmq://127.0.0.1:9876/ns?rmq.pull.message.batch.nums=500&a%20b=c%26d");
        assertEquals("127.0.0.1:9876", url.accessPoints());
        assertEquals("ns", url.region());
        KeyValue kv = url.attributes("io.openmessaging.rocketmq.MessagingAccessPointImpl");
        assertEquals("500", kv.getString("rmq.pull.message.batch.nums"));
        assertEquals("c&d", kv.getString("a b"));
    }

    @Test
    void malformedUrlsNameThemselves() {
        for (String bad : new String[]{null, "", "http://x/ns", "oms:fake:x/ns", "oms://x/ns", "oms:../x://y/ns",
                "oms:fake://x/ns?novalue", "oms:fake://x/ns?a=1&&b=2"}) {
            DriverException e = assertThrows(DriverException.class, () -> OmsDriverUrl.parse(bad));
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }

    @Test
    void aMalformedUrlIsNamedWithoutItsPassword() {
        DriverException e = assertThrows(DriverException.class,
                () -> OmsDriverUrl.parse("oms:rabbitmq://app:hunter2@mq.example:5672/default?novalue"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("oms:rabbitmq://app:******@mq.example:5672/default?novalue"), e.getMessage());
    }
}
