package io.openmessaging.omsconnect.convert;

import io.openmessaging.connector.api.data.RecordConverter;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaAndValue;
import io.openmessaging.connector.api.data.SchemaBuilder;

import java.nio.ByteBuffer;

/** Values that already are bytes pass through unchanged. */
public class ByteArrayRecordConverter implements RecordConverter {
    private static final Schema BYTES = SchemaBuilder.bytes().optional().build();

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof ByteBuffer buf) {
            byte[] b = new byte[buf.remaining()];
            buf.duplicate().get(b);
            return b;
        }
        throw new ConversionException("ByteArrayRecordConverter takes byte[] values, got " + value.getClass().getName());
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        return new SchemaAndValue(BYTES, value);
    }
}
