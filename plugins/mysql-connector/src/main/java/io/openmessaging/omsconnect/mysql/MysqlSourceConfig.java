package io.openmessaging.omsconnect.mysql;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.errors.ConnectException;

/**
 * The source connector's settings.
 *
 * @param host           {@code mysqlAddr}
 * @param port           {@code mysqlPort} (default 3306)
 * @param user           {@code mysqlUsername}
 * @param password       {@code mysqlPassword} (may be empty)
 * @param tables         {@code table.include} / {@code table.exclude}
 * @param startPosition  {@code startPosition}: earliest, latest (default) or {@code <binlogfile>:<pos>}; used when no offset is committed
 * @param topicPrefix    {@code topicPrefix}: prepended to the table name to make the topic (default none)
 * @param connectTimeoutMs {@code connectTimeoutMs}: bound on every connection attempt (default 5000)
 * @param serverId       {@code serverId}: the replica id this reader announces (default: random per start)
 */
public record MysqlSourceConfig(String host, int port, String user, String password, TableFilter tables,
                                String startPosition, String topicPrefix, int connectTimeoutMs, long serverId) {

    public static final String ADDR = "mysqlAddr", PORT = "mysqlPort", USER = "mysqlUsername", PASSWORD = "mysqlPassword",
            TABLE_INCLUDE = "table.include", TABLE_EXCLUDE = "table.exclude", START_POSITION = "startPosition",
            TOPIC_PREFIX = "topicPrefix", CONNECT_TIMEOUT_MS = "connectTimeoutMs", SERVER_ID = "serverId";

    public static MysqlSourceConfig from(KeyValue kv) {
        String host = required(kv, ADDR);
        int port;
        try {
            port = Integer.parseInt(kv.getString(PORT, "3306").trim());
        } catch (NumberFormatException e) {
            throw new ConnectException(PORT + " must be a number, not '" + kv.getString(PORT) + "'");
        }
        String start = kv.getString(START_POSITION, "latest").trim();
        if (!start.equals("earliest") && !start.equals("latest")) {
            io.openmessaging.omsconnect.mysql.binlog.BinlogPosition.parse(start);
        }
        int timeout = Integer.parseInt(kv.getString(CONNECT_TIMEOUT_MS, "5000").trim());
        long serverId = Long.parseLong(kv.getString(SERVER_ID, "0").trim());
        if (serverId == 0) {
            // the server drops a replica connection when another one announces the same id: pick a fresh one,
            // above the small ids real servers usually have
            serverId = 0x10000L + java.util.concurrent.ThreadLocalRandom.current().nextInt(0x7FFF0000);
        }
        return new MysqlSourceConfig(host, port, required(kv, USER), kv.getString(PASSWORD, ""),
                TableFilter.of(kv.getString(TABLE_INCLUDE, ""), kv.getString(TABLE_EXCLUDE, "")),
                start, kv.getString(TOPIC_PREFIX, ""), timeout, serverId);
    }

    private static String required(KeyValue kv, String key) {
        String v = kv.getString(key);
        if (v == null || v.isBlank()) {
            throw new ConnectException("Missing required config '" + key + "'");
        }
        return v.trim();
    }

    /** The partition key of every record: one binlog per server. */
    public String server() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        // never the password
        return "MysqlSourceConfig[" + user + "@" + server() + ", tables=" + tables + ", startPosition=" + startPosition + "]";
    }
}
