package io.openmessaging.omsconnect.convert;

import io.openmessaging.connector.api.data.RecordConverter;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaAndValue;
import io.openmessaging.connector.api.data.SchemaBuilder;

import java.nio.charset.StandardCharsets;

/** Values as their UTF-8 text, read back as optional strings; for plain-text queues. */
public class StringRecordConverter implements RecordConverter {
    private static final Schema STRING = SchemaBuilder.string().optional().build();

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        return value == null ? null : value.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        return new SchemaAndValue(STRING, value == null ? null : new String(value, StandardCharsets.UTF_8));
    }
}
