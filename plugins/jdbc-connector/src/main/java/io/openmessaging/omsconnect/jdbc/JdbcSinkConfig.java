package io.openmessaging.omsconnect.jdbc;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.errors.ConnectException;

import java.util.ArrayList;
import java.util.List;

/**
 * The sink's settings.
 *
 * @param url          {@code connection.url}: jdbc:postgresql:… or jdbc:mariadb:… / jdbc:mysql:…
 * @param user         {@code connection.user}
 * @param password     {@code connection.password}
 * @param tableFormat  {@code table.name.format} (default {@code ${topic}})
 * @param upsert       {@code insert.mode} upsert (default) or insert
 * @param pkFields     {@code pk.fields} (default: the record key's fields)
 * @param deleteEnabled {@code delete.enabled} (default true)
 * @param autoCreate   {@code auto.create} (default true)
 * @param autoEvolve   {@code auto.evolve}: add columns a row has and its table lacks (default true)
 * @param batchSize    {@code batch.size}: rows per executeBatch (default 1000)
 * @param defaultTopic the topic for records without a {@code topic} extension: {@code connect-topicname}, else
 *                     the first of {@code connect-topicnames}
 */
public record JdbcSinkConfig(String url, String user, String password, String tableFormat, boolean upsert, List<String> pkFields,
                             boolean deleteEnabled, boolean autoCreate, boolean autoEvolve, int batchSize, String defaultTopic) {

    public static final String URL = "connection.url", USER = "connection.user", PASSWORD = "connection.password",
            TABLE_FORMAT = "table.name.format", INSERT_MODE = "insert.mode", PK_FIELDS = "pk.fields",
            DELETE_ENABLED = "delete.enabled", AUTO_CREATE = "auto.create", AUTO_EVOLVE = "auto.evolve", BATCH_SIZE = "batch.size";

    public static JdbcSinkConfig from(KeyValue kv) {
        String url = kv.getString(URL);
        if (url == null || url.isBlank()) {
            throw new ConnectException("Missing required config '" + URL + "'");
        }
        String mode = kv.getString(INSERT_MODE, "upsert").trim().toLowerCase();
        if (!mode.equals("upsert") && !mode.equals("insert")) {
            throw new ConnectException(INSERT_MODE + " must be insert or upsert, not '" + mode + "'");
        }
        List<String> pk = new ArrayList<>();
        for (String f : kv.getString(PK_FIELDS, "").split(",")) {
            if (!f.isBlank()) {
                pk.add(f.trim());
            }
        }
        int batch;
        try {
            batch = Integer.parseInt(kv.getString(BATCH_SIZE, "1000").trim());
        } catch (NumberFormatException e) {
            throw new ConnectException(BATCH_SIZE + " must be a number, not '" + kv.getString(BATCH_SIZE) + "'");
        }
        if (batch < 1) {
            throw new ConnectException(BATCH_SIZE + " must be at least 1");
        }
        String topic = kv.getString("connect-topicname", kv.getString("connect.topicname"));
        if (topic == null) {
            String topics = kv.getString("connect-topicnames", kv.getString("connect.topicnames", ""));
            topic = topics.isBlank() ? null : topics.split(",")[0].trim();
        }
        return new JdbcSinkConfig(url.trim(), kv.getString(USER, ""), kv.getString(PASSWORD, ""),
                kv.getString(TABLE_FORMAT, "${topic}"), mode.equals("upsert"), pk,
                bool(kv, DELETE_ENABLED), bool(kv, AUTO_CREATE), bool(kv, AUTO_EVOLVE), batch, topic);
    }

    private static boolean bool(KeyValue kv, String key) {
        String v = kv.getString(key, "true").trim().toLowerCase();
        if (!v.equals("true") && !v.equals("false")) {
            throw new ConnectException(key + " must be true or false, not '" + v + "'");
        }
        return v.equals("true");
    }

    @Override
    public String toString() {
        // never the password
        return "JdbcSinkConfig[" + url + " as " + user + ", table=" + tableFormat + ", upsert=" + upsert + "]";
    }
}
