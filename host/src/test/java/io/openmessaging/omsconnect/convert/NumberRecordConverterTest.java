package io.openmessaging.omsconnect.convert;

import io.openmessaging.connector.api.data.FieldType;
import io.openmessaging.connector.api.data.RecordConverter;
import io.openmessaging.connector.api.data.SchemaAndValue;
import io.openmessaging.connector.api.errors.ConnectException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumberRecordConverterTest {
    private static final String ROCKETMQ = "org.apache.rocketmq.connect.runtime.converter.record.";

    @Test
    void numbersAreTheirBigEndianBytesAsKafkasAndRocketMqConnectsConvertersWriteThem() {
        assertArrayEquals(new byte[]{0x01, 0x02}, new NumberRecordConverter.Short().fromConnectData("t", null, (short) 0x0102));
        assertArrayEquals(new byte[]{0, 0, 0x01, 0x02}, new NumberRecordConverter.Integer().fromConnectData("t", null, 0x0102));
        assertArrayEquals(new byte[]{0, 0, 0, 0, 0, 0, 0x01, 0x02}, new NumberRecordConverter.Long().fromConnectData("t", null, 0x0102L));
        assertArrayEquals(new byte[]{0x3f, (byte) 0x80, 0, 0}, new NumberRecordConverter.Float().fromConnectData("t", null, 1.0f));
        assertArrayEquals(new byte[]{0x3f, (byte) 0xf0, 0, 0, 0, 0, 0, 0}, new NumberRecordConverter.Double().fromConnectData("t", null, 1.0d));
    }

    @Test
    void whatIsWrittenReadsBackWithItsTypeAndNullIsNoBytes() {
        Map<RecordConverter, Number> values = Map.of(new NumberRecordConverter.Short(), (short) -7, new NumberRecordConverter.Integer(), -7,
                new NumberRecordConverter.Long(), Long.MIN_VALUE, new NumberRecordConverter.Float(), 2.5f,
                new NumberRecordConverter.Double(), -0.125d);
        values.forEach((converter, value) -> {
            SchemaAndValue back = converter.toConnectData("t", converter.fromConnectData("t", null, value));
            assertEquals(value, back.value(), converter.getClass().getSimpleName());
            assertTrue(back.schema().isOptional());
            assertNull(converter.fromConnectData("t", null, null));
            assertNull(converter.toConnectData("t", null).value());
        });
        assertEquals(FieldType.INT64, new NumberRecordConverter.Long().toConnectData("t", new byte[8]).schema().getFieldType());
        assertThrows(ConnectException.class, () -> new NumberRecordConverter.Long().toConnectData("t", new byte[3]));
        assertThrows(ConnectException.class, () -> new NumberRecordConverter.Long().fromConnectData("t", null, "7"));
    }

    @Test
    void rocketMqConnectsConverterNamesAreOurs() {
        Converters converters = new Converters(null);
        assertEquals(NumberRecordConverter.Long.class, converters.create(ROCKETMQ + "LongConverter", Map.of(), "value.converter").getClass());
        assertEquals(JsonRecordConverter.class, converters.create(ROCKETMQ + "json.JsonConverter", Map.of(), "value.converter").getClass());
        assertEquals(StringRecordConverter.class, converters.create(ROCKETMQ + "StringConverter", Map.of(), "value.converter").getClass());
        assertEquals(ByteArrayRecordConverter.class, converters.create(ROCKETMQ + "ByteArrayConverter", Map.of(), "value.converter").getClass());
        assertTrue(Converters.builtInClasses().contains(NumberRecordConverter.Double.class.getName()));
        assertTrue(converters.exists(NumberRecordConverter.Double.class.getName()));
    }

    @Test
    void kafkaConnectsConverterNamesAreOursAndWriteTheSameBytes() {
        Converters converters = new Converters(null);
        String kafka = "org.apache.kafka.connect.";
        RecordConverter string = converters.create(kafka + "storage.StringConverter", Map.of(), "value.converter");
        assertArrayEquals("line é".getBytes(java.nio.charset.StandardCharsets.UTF_8), string.fromConnectData("t", null, "line é"));
        assertEquals(ByteArrayRecordConverter.class, converters.create(kafka + "converters.ByteArrayConverter", Map.of(), "value.converter").getClass());
        RecordConverter bare = converters.create(kafka + "json.JsonConverter", Map.of("schemas.enable", "false"), "value.converter");
        assertEquals(JsonRecordConverter.class, bare.getClass());
        assertEquals("\"v\"", new String(bare.fromConnectData("t", null, "v"), java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(converters.exists(kafka + "storage.StringConverter"));
    }
}
