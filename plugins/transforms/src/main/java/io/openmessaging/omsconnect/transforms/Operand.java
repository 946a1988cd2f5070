package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.Schema;

/**
 * The part of a record a {@code $Key} or {@code $Value} transform works on: Kafka's key is the record's key
 * ({@code getKey()}, {@code getKeySchema()}), Kafka's value its data ({@code getData()}, {@code getSchema()}).
 */
public enum Operand {
    KEY {
        @Override
        public Schema schema(ConnectRecord record) {
            return record.getKeySchema();
        }

        @Override
        public Object value(ConnectRecord record) {
            return record.getKey();
        }

        @Override
        public ConnectRecord with(ConnectRecord record, Schema schema, Object value) {
            ConnectRecord copy = RecordCopy.of(record);
            copy.setKeySchema(schema);
            copy.setKey(value);
            return copy;
        }
    },
    VALUE {
        @Override
        public Schema schema(ConnectRecord record) {
            return record.getSchema();
        }

        @Override
        public Object value(ConnectRecord record) {
            return record.getData();
        }

        @Override
        public ConnectRecord with(ConnectRecord record, Schema schema, Object value) {
            ConnectRecord copy = RecordCopy.of(record);
            copy.setSchema(schema);
            copy.setData(value);
            return copy;
        }
    };

    /** This part's schema; null when the part is schemaless. */
    public abstract Schema schema(ConnectRecord record);

    public abstract Object value(ConnectRecord record);

    /** A copy of {@code record} with this part replaced. */
    public abstract ConnectRecord with(ConnectRecord record, Schema schema, Object value);
}
