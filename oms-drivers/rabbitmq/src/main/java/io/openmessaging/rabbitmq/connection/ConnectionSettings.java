package io.openmessaging.rabbitmq.connection;

import com.rabbitmq.client.Address;
import io.openmessaging.KeyValue;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.exception.OMSRuntimeException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where and how to connect, parsed from the access point's attributes.
 *
 * <p>{@code ACCESS_POINTS} is {@code [user[:password]@]host[:port][,host[:port]...]} (user and password
 * percent-decoded, guest/guest when absent, port 5672 when absent); {@code REGION} is the virtual host,
 * where {@code default}, {@code %2F}, {@code /} or nothing mean {@code /}. Optional attributes
 * {@code rabbitmq.connection.timeout.ms} (TCP connect and AMQP handshake, default 5000) and
 * {@code rabbitmq.heartbeat.seconds} (default 30) tune the connection.
 */
public record ConnectionSettings(List<Address> addresses, String username, String password, String virtualHost,
                                 int connectionTimeoutMs, int heartbeatSeconds) {

    public static final String CONNECTION_TIMEOUT_MS = "rabbitmq.connection.timeout.ms";
    public static final String HEARTBEAT_SECONDS = "rabbitmq.heartbeat.seconds";
    static final int DEFAULT_PORT = 5672;
    static final String DEFAULT_USER = "guest";

    public ConnectionSettings {
        addresses = List.copyOf(addresses);
    }

    /** Parses the attributes the host built from {@code oms:rabbitmq://<ACCESS_POINTS>/<REGION>}. */
    public static ConnectionSettings from(KeyValue attributes) {
        String accessPoints = attributes.getString(OMSBuiltinKeys.ACCESS_POINTS);
        if (accessPoints == null || accessPoints.isBlank()) {
            throw new OMSRuntimeException("-1", "ACCESS_POINTS is missing: expected oms:rabbitmq://user:password@host:port/vhost");
        }
        String user = DEFAULT_USER;
        String password = DEFAULT_USER;
        String hosts = accessPoints.trim();
        int at = hosts.lastIndexOf('@');
        if (at >= 0) {
            String credentials = hosts.substring(0, at);
            hosts = hosts.substring(at + 1);
            int colon = credentials.indexOf(':');
            user = decode(colon >= 0 ? credentials.substring(0, colon) : credentials);
            password = colon >= 0 ? decode(credentials.substring(colon + 1)) : "";
        }
        return new ConnectionSettings(parseAddresses(hosts, accessPoints), user, password,
                virtualHost(attributes.getString(OMSBuiltinKeys.REGION)),
                attributes.getInt(CONNECTION_TIMEOUT_MS, 5000), attributes.getInt(HEARTBEAT_SECONDS, 30));
    }

    /** {@code host:port,...} for messages; never the password. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (Address address : addresses) {
            text.append(text.isEmpty() ? "" : ",").append(address.getHost()).append(':').append(address.getPort());
        }
        return text + " (vhost '" + virtualHost + "', user '" + username + "')";
    }

    private static List<Address> parseAddresses(String hosts, String accessPoints) {
        List<Address> addresses = new ArrayList<>();
        for (String hostPort : hosts.split(",")) {
            String entry = hostPort.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            if (colon < 0) {
                addresses.add(new Address(entry, DEFAULT_PORT));
                continue;
            }
            try {
                addresses.add(new Address(entry.substring(0, colon), Integer.parseInt(entry.substring(colon + 1))));
            } catch (NumberFormatException e) {
                throw new OMSRuntimeException("-1", "Bad port in ACCESS_POINTS '" + redact(accessPoints) + "'", e);
            }
        }
        if (addresses.isEmpty()) {
            throw new OMSRuntimeException("-1", "No host in ACCESS_POINTS '" + redact(accessPoints) + "'");
        }
        return addresses;
    }

    static String virtualHost(String region) {
        if (region == null || region.isBlank() || region.equals("default") || region.equals("/")) {
            return "/";
        }
        return decode(region);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String redact(String accessPoints) {
        int at = accessPoints.lastIndexOf('@');
        return at < 0 ? accessPoints : "***@" + accessPoints.substring(at + 1);
    }
}
