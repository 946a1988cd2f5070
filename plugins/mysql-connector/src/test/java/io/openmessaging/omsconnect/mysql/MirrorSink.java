package io.openmessaging.omsconnect.mysql;

import io.openmessaging.KeyValue;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.jdbc.JdbcSinkTask;

import java.sql.SQLException;

/** The JDBC sink task of the mirror test and benchmark, writing into PostgreSQL schema {@code pgSchema}. */
final class MirrorSink {

    private MirrorSink() {
    }

    static JdbcSinkTask start(String pgSchema) throws SQLException {
        KeyValue kv = new DefaultKeyValue();
        kv.put("connection.url", Postgres.URL);
        kv.put("connection.user", Postgres.user());
        kv.put("table.name.format", pgSchema + ".${topic}");
        kv.put("batch.size", "500");
        JdbcSinkTask sink = new JdbcSinkTask();
        sink.start(kv);
        return sink;
    }
}
