package io.openmessaging.omsconnect.convert;

import io.openmessaging.connector.api.data.RecordConverter;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaAndValue;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.errors.ConnectException;

import java.nio.ByteBuffer;

/**
 * A number as its fixed-size big-endian bytes, as Kafka's and RocketMQ Connect's number converters write it
 * (int16 2 bytes, int32 and float32 4, int64 and float64 8); a null is no bytes. Read back as an optional number of
 * the converter's type. One subclass per type, so that each has a class name a config can give.
 */
public abstract class NumberRecordConverter implements RecordConverter {
    private final String type;
    private final int size;
    private final Schema schema;

    NumberRecordConverter(String type, int size, Schema schema) {
        this.type = type;
        this.size = size;
        this.schema = schema;
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)) {
            throw new ConnectException("the " + type + " converter writes numbers, not " + value.getClass().getName());
        }
        ByteBuffer bytes = ByteBuffer.allocate(size);
        write(bytes, number);
        return bytes.array();
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return new SchemaAndValue(schema, null);
        }
        if (value.length != size) {
            throw new ConnectException("a " + type + " is " + size + " bytes, this value has " + value.length);
        }
        return new SchemaAndValue(schema, read(ByteBuffer.wrap(value)));
    }

    abstract void write(ByteBuffer bytes, Number value);

    abstract Number read(ByteBuffer bytes);

    public static final class Short extends NumberRecordConverter {
        public Short() {
            super("int16", 2, SchemaBuilder.int16().optional().build());
        }

        void write(ByteBuffer b, Number v) {
            b.putShort(v.shortValue());
        }

        Number read(ByteBuffer b) {
            return b.getShort();
        }
    }

    public static final class Integer extends NumberRecordConverter {
        public Integer() {
            super("int32", 4, SchemaBuilder.int32().optional().build());
        }

        void write(ByteBuffer b, Number v) {
            b.putInt(v.intValue());
        }

        Number read(ByteBuffer b) {
            return b.getInt();
        }
    }

    public static final class Long extends NumberRecordConverter {
        public Long() {
            super("int64", 8, SchemaBuilder.int64().optional().build());
        }

        void write(ByteBuffer b, Number v) {
            b.putLong(v.longValue());
        }

        Number read(ByteBuffer b) {
            return b.getLong();
        }
    }

    public static final class Float extends NumberRecordConverter {
        public Float() {
            super("float32", 4, SchemaBuilder.float32().optional().build());
        }

        void write(ByteBuffer b, Number v) {
            b.putFloat(v.floatValue());
        }

        Number read(ByteBuffer b) {
            return b.getFloat();
        }
    }

    public static final class Double extends NumberRecordConverter {
        public Double() {
            super("float64", 8, SchemaBuilder.float64().optional().build());
        }

        void write(ByteBuffer b, Number v) {
            b.putDouble(v.doubleValue());
        }

        Number read(ByteBuffer b) {
            return b.getDouble();
        }
    }
}
