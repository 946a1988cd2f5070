package io.openmessaging.omsconnect.driver;

import io.openmessaging.omsconnect.config.Secrets;

import io.openmessaging.KeyValue;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.internal.DefaultKeyValue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An {@code oms-driver-url}, {@code oms:<driver>://[<account>@]<access points>/<namespace>}, split the
 * way OMS 0.3.1's {@code AccessPointURI} splits it: the driver is the text between {@code oms:} and
 * {@code ://}, the namespace (REGION) what follows the last {@code /}, the access points what lies
 * between. A local path such as {@code oms:local:///var/mq/ns} is fine: its access points are
 * {@code /var/mq}. An optional query, {@code ?key=value&…}, after the namespace adds driver keys to the
 * attributes (e.g. RocketMQ's {@code rmq.pull.message.batch.nums}): drivers read their settings from them.
 *
 * @param accountId null when the URL names none
 * @param region    null when the URL has no {@code /} after the access points
 * @param options   the query's keys and values, in order; empty without a query
 */
public record OmsDriverUrl(String url, String driver, String accessPoints, String region, String accountId,
                    Map<String, String> options) {

    /** Where the whole URL goes in the driver's attributes, for drivers that want to parse it themselves. */
    static final String OMS_DRIVER_URL = "OMS_DRIVER_URL";

    private static final String PREFIX = "oms:";
    private static final Pattern DRIVER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** @throws DriverException naming the URL when it is not of that form */
    public static OmsDriverUrl parse(String url) {
        if (url == null || !url.trim().startsWith(PREFIX)) {
            throw new DriverException("Malformed oms-driver-url '" + Secrets.maskUrl(url) + "': expected oms:<driver>://<access points>/<namespace>");
        }
        String trimmed = url.trim();
        int schemeEnd = trimmed.indexOf("://", PREFIX.length());
        String driver = schemeEnd < 0 ? "" : trimmed.substring(PREFIX.length(), schemeEnd);
        if (!DRIVER_NAME.matcher(driver).matches()) {
            throw new DriverException("Malformed oms-driver-url '" + Secrets.maskUrl(url) + "': expected oms:<driver>://<access points>/<namespace>,"
                    + " with a driver name that can be a Java package name");
        }
        String rest = trimmed.substring(schemeEnd + 3);
        Map<String, String> options = new LinkedHashMap<>();
        int query = rest.indexOf('?');
        if (query >= 0) {
            for (String pair : rest.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (pair.isEmpty() || eq <= 0) {
                    throw new DriverException("Malformed oms-driver-url '" + Secrets.maskUrl(url) + "': expected key=value pairs after '?'");
                }
                options.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
            rest = rest.substring(0, query);
        }
        int lastSlash = rest.lastIndexOf('/');
        String hosts = lastSlash >= 0 ? rest.substring(0, lastSlash) : rest;
        String region = lastSlash >= 0 && lastSlash < rest.length() - 1 ? rest.substring(lastSlash + 1) : null;
        String accountId = null;
        int at = hosts.indexOf('@');
        if (at > 0 && hosts.lastIndexOf('/', at) < 0) { // an '@' inside a path is not an account
            accountId = hosts.substring(0, at);
            hosts = hosts.substring(at + 1);
        }
        return new OmsDriverUrl(trimmed, driver, hosts, region, accountId, Map.copyOf(options));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The class the OMS naming rule expects for this driver. */
    String namingRuleClass() {
        return "io.openmessaging." + driver + ".MessagingAccessPointImpl";
    }

    /** The attributes a driver is created with, as {@code OMS.getMessagingAccessPoint} would fill them. */
    KeyValue attributes(String driverImpl) {
        KeyValue attributes = new DefaultKeyValue();
        attributes.put(OMSBuiltinKeys.DRIVER_IMPL, driverImpl);
        attributes.put(OMSBuiltinKeys.ACCESS_POINTS, accessPoints);
        if (region != null) {
            attributes.put(OMSBuiltinKeys.REGION, region);
        }
        if (accountId != null) {
            attributes.put(OMSBuiltinKeys.ACCOUNT_ID, accountId);
        }
        options.forEach(attributes::put);
        attributes.put(OMS_DRIVER_URL, url);
        return attributes;
    }
}
