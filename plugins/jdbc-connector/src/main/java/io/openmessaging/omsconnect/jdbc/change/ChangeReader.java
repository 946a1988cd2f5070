package io.openmessaging.omsconnect.jdbc.change;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.connector.api.errors.ConnectException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a sink record into row changes. Understands the mysql-connector envelope
 * ({@code op}/{@code before}/{@code after}: c/r/u upsert the after image, d deletes, an update that
 * changes the key deletes the old row first) and plain Structs (upserted; a null value with a key
 * Struct is a delete).
 */
public final class ChangeReader {

    /** The record extension carrying the topic a record came from. */
    public static final String TOPIC_EXTENSION = "topic";

    private final String tableFormat;
    private final List<String> pkFields;
    private final String defaultTopic;
    private final boolean deleteEnabled;

    /**
     * @param tableFormat   table.name.format: {@code ${topic}}, {@code ${database}}, {@code ${table}} are replaced
     * @param pkFields      pk.fields, or empty to take the record key's fields
     * @param defaultTopic  the topic of records that carry none (the connector's topic setting), may be null
     * @param deleteEnabled delete.enabled: when false, deletes are dropped
     */
    public ChangeReader(String tableFormat, List<String> pkFields, String defaultTopic, boolean deleteEnabled) {
        this.tableFormat = tableFormat;
        this.pkFields = List.copyOf(pkFields);
        this.defaultTopic = defaultTopic;
        this.deleteEnabled = deleteEnabled;
    }

    public List<RowChange> read(ConnectRecord r) {
        List<RowChange> out = new ArrayList<>(2);
        Object data = r.getData();
        String topic = r.getExtensions() == null ? null : r.getExtension(TOPIC_EXTENSION);
        if (topic == null) {
            topic = defaultTopic;
        }
        if (data instanceof Struct s && isEnvelope(s.schema())) {
            String op = s.getString("op");
            Struct before = s.getStruct("before");
            Struct after = s.getStruct("after");
            String table = tableName(topic, s.getString("database"), s.getString("table"));
            List<String> pk = pk(r);
            switch (op) {
                case "c", "r" -> out.add(new RowChange(table, false, require(after, op, r), pk));
                case "u" -> {
                    require(after, op, r);
                    if (before != null && !pk.isEmpty() && !sameKey(before, after, pk) && deleteEnabled) {
                        out.add(new RowChange(table, true, before, pk));
                    }
                    out.add(new RowChange(table, false, after, pk));
                }
                case "d" -> {
                    if (deleteEnabled) {
                        out.add(new RowChange(table, true, before != null ? before : keyStruct(r), pk));
                    }
                }
                default -> throw new ConnectException("Unknown change op '" + op + "' in record " + r.getPosition());
            }
        } else if (data instanceof Struct s) {
            out.add(new RowChange(tableName(topic, null, null), false, s, pk(r)));
        } else if (data == null && r.getKey() instanceof Struct key) {
            if (deleteEnabled) {
                out.add(new RowChange(tableName(topic, null, null), true, key, pk(r)));
            }
        } else {
            throw new ConnectException("JDBC sink needs Struct record values (with a schema), got "
                    + (data == null ? "null without a key" : data.getClass().getName()));
        }
        return out;
    }

    private static boolean isEnvelope(Schema s) {
        return s.getField("op") != null && s.getField("before") != null && s.getField("after") != null;
    }

    private static Struct require(Struct after, String op, ConnectRecord r) {
        if (after == null) {
            throw new ConnectException("Change '" + op + "' without an after image in record " + r.getPosition());
        }
        return after;
    }

    private static boolean sameKey(Struct a, Struct b, List<String> pk) {
        for (String c : pk) {
            if (!Objects.deepEquals(a.get(c), b.get(c))) {
                return false;
            }
        }
        return true;
    }

    private Struct keyStruct(ConnectRecord r) {
        if (r.getKey() instanceof Struct k) {
            return k;
        }
        throw new ConnectException("Delete without a before image or key Struct in record " + r.getPosition());
    }

    private List<String> pk(ConnectRecord r) {
        if (!pkFields.isEmpty()) {
            return pkFields;
        }
        List<String> out = new ArrayList<>();
        Schema keySchema = r.getKeySchema();
        if (keySchema != null && keySchema.getFields() != null) {
            for (Field f : keySchema.getFields()) {
                out.add(f.getName());
            }
        }
        return out;
    }

    private String tableName(String topic, String database, String table) {
        String name = tableFormat;
        if (name.contains("${topic}")) {
            String t = topic != null ? topic : table;
            if (t == null) {
                throw new ConnectException("table.name.format uses ${topic} but the record names no topic");
            }
            name = name.replace("${topic}", t);
        }
        if (database != null) {
            name = name.replace("${database}", database);
        }
        if (table != null) {
            name = name.replace("${table}", table);
        }
        return name;
    }
}
