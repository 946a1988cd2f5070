package io.openmessaging.omsconnect.rest;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated bad input for the REST API: bad JSON, wrong types, huge strings, traversal and control-character
 * names, wrong methods on known paths, oversized bodies, non-jar uploads, combined over the routes. Shared by
 * {@link HostileRequestsTest} (mocked herder) and {@code HostileRequestsIT} (a real worker). The requests
 * name only the connector {@code c1} and the plugin {@code p1}, which must not exist, so that every
 * answer is a refusal.
 */
public final class HostileRequests {
    /** Known paths and the methods they answer, to pick the wrong ones. */
    private static final String[][] ROUTES = {
            {"/", "GET"}, {"/health", "GET"}, {"/metrics", "GET"}, {"/connectors", "GET POST"},
            {"/connectors/c1", "GET DELETE"}, {"/connectors/c1/config", "GET PUT"}, {"/connectors/c1/status", "GET"},
            {"/connectors/c1/restart", "POST"}, {"/connectors/c1/pause", "PUT GET"}, {"/connectors/c1/resume", "PUT GET"},
            {"/connectors/c1/stop", "PUT GET"}, {"/connectors/c1/tasks", "GET"}, {"/connectors/c1/tasks/0/status", "GET"},
            {"/connectors/c1/tasks/0/restart", "POST"}, {"/connectors/c1/offsets", "GET PATCH DELETE"},
            {"/connector-plugins", "GET"}, {"/connector-plugins/a.B/config/validate", "PUT"}, {"/plugins", "GET POST"},
            {"/plugins/p1", "GET DELETE"}, {"/plugins/p1/reload", "POST"}, {"/drivers", "GET"}, {"/getClusterInfo", "GET"},
            {"/getConfigInfo", "GET"}, {"/getAllocatedInfo", "GET"}, {"/plugin/list", "GET"}, {"/plugin/reload", "GET"},
            {"/allocated/tasks", "GET"}, {"/plugin/list/connectors", "GET"}, {"/plugin/config", "GET"},
            {"/plugin/config/validate", "GET"},
    };
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO", "get", "Post"};

    private static final String[] BAD_JSON = {
            "", " ", "{", "}", "[", "]", "{\"name\":", "{\"name\":\"c\",", "{\"name\" \"c\"}", "{\"a\":tru}", "{\"a\":NaN}",
            "{\"a\":0x1F}", "{\"a\":1e99999}", "null", "true", "42", "\"str\"", "[1,2,3]", "[{}]", "{}{}", "{} trailing",
            "{\"a\":\"b\"}}", "\u0000", "\uFEFF{", "{\"a\":\"\\u12\"}", "{\"a\":\"\\x41\"}", "[".repeat(5000), "{\"a\":".repeat(3000),
            "{\"@type\":\"java.lang.Runtime\"}x", "<xml/>", "name=c&config=x", "{\"a\":[1,2}", "{\"a\":1,,\"b\":2}",
            "{'name':'c1','config':{}}", "{\"name\":\"c1\",\"config\":{\"connector-class\":\"\\x41\"}}",
    };
    private static final Object[] WRONG_TYPES = {123, -1.5, true, false, null, List.of(), List.of("x"), new JSONObject(),
            JSONObject.of("nested", JSONObject.of("deep", 1)), "", "   "};
    private static final String[] BAD_NAMES = {
            "", " ", "..", "../..", "..%2F..%2Fetc%2Fpasswd", "a/b", "a\\b", "..\\windows", "x..y", "\u0000", "a\u0000b",
            "a\nb", "a\rInjected: header", "\u001b[31mred", "tab\there", "\u007f", "\u0085", "x".repeat(201),
            "y".repeat(5000), "/etc/passwd", "C:\\Windows\\system32",
    };
    private static final String[] JSON_ROUTES = {"POST /connectors", "PUT /connectors/c1/config",
            "PATCH /connectors/c1/offsets", "PUT /connector-plugins/a.B/config/validate"};

    private final long maxRequest;
    private final long maxUpload;

    /** @param maxRequest the server's JSON body limit; @param maxUpload its upload limit (oversized cases go past them) */
    private HostileRequests(long maxRequest, long maxUpload) {
        this.maxRequest = maxRequest;
        this.maxUpload = maxUpload;
    }

    /** The requests, the same for the same seed and limits. */
    public static List<Attack> generate(long seed, long maxRequest, long maxUpload) {
        HostileRequests g = new HostileRequests(maxRequest, maxUpload);
        Random random = new Random(seed);
        List<Attack> attacks = new ArrayList<>();
        g.badJson(attacks);
        g.wrongTypes(attacks);
        g.badNames(attacks, random);
        g.wrongMethods(attacks, random);
        g.oversized(attacks, random);
        g.uploads(attacks, random);
        g.badParameters(attacks);
        return attacks;
    }

    /**
     * What is wrong with an answer to a hostile request, or null when it is a 4xx JSON error
     * {@code {"error_code": <status>, "message": "..."}} without a stack trace.
     */
    public static String problem(int status, String contentType, String body) {
        if (status < 400 || status > 499) {
            return "status " + status + " " + abbreviate(body);
        }
        if (contentType == null || !contentType.startsWith("application/json")) {
            return "content type " + contentType;
        }
        try {
            JSONObject json = JSON.parseObject(body);
            if (json.getIntValue("error_code") != status || json.getString("message") == null
                    || json.getString("message").isBlank()) {
                return "body " + abbreviate(body);
            }
            if (body.contains("\tat ") || body.contains("Exception:")) {
                return "stack trace in body " + abbreviate(body);
            }
        } catch (RuntimeException e) {
            return "not a JSON object: " + abbreviate(body);
        }
        return null;
    }

    private void badJson(List<Attack> attacks) {
        for (String route : JSON_ROUTES) {
            for (String json : BAD_JSON) {
                attacks.add(Attack.of(route, json));
            }
        }
        // the seed's and RocketMQ Connect's query-string configs get the same fragments
        for (String json : BAD_JSON) {
            if (!json.isEmpty() && json.length() < 2000) {
                attacks.add(new Attack("GET", "/connectors/c1?config=" + enc(json), null));
                attacks.add(new Attack("GET", "/plugin/config/validate?config=" + enc(json), null));
            }
        }
    }

    private void wrongTypes(List<Attack> attacks) {
        for (Object v : WRONG_TYPES) {
            String value = JSON.toJSONString(v);
            attacks.add(Attack.of("POST /connectors", "{\"name\":" + value + ",\"config\":{}}"));
            attacks.add(Attack.of("POST /connectors", "{\"name\":\"c1\",\"config\":" + value + "}"));
            if (!(v instanceof String) && !(v instanceof Number) && !(v instanceof Boolean)) {
                attacks.add(Attack.of("PUT /connectors/c1/config", "{\"k\":" + value + "}"));
                attacks.add(Attack.of("POST /connectors", "{\"name\":\"c1\",\"config\":{\"k\":" + value + "}}"));
            }
            attacks.add(Attack.of("PATCH /connectors/c1/offsets", "{\"offsets\":" + value + "}"));
            attacks.add(Attack.of("PATCH /connectors/c1/offsets", "{\"offsets\":[{\"partition\":" + value + ",\"offset\":{}}]}"));
            attacks.add(Attack.of("POST /connectors", "{\"name\":\"c1\",\"config\":{},\"initial_state\":" + value + "}"));
        }
    }

    private void badNames(List<Attack> attacks, Random random) {
        String[] templates = {"GET /connectors/%s", "DELETE /connectors/%s", "GET /connectors/%s/status",
                "PUT /connectors/%s/config", "PUT /connectors/%s/pause", "POST /connectors/%s/restart",
                "GET /connectors/%s/tasks/0/status", "GET /plugins/%s", "DELETE /plugins/%s"};
        for (String name : BAD_NAMES) {
            if (name.isEmpty()) {
                continue; // an empty segment is another path, covered by the 404/405 cases
            }
            String template = templates[random.nextInt(templates.length)];
            String[] methodPath = String.format(template, name.contains("%2F") ? name : enc(name)).split(" ", 2);
            attacks.add(new Attack(methodPath[0], methodPath[1], methodPath[0].equals("PUT") ? "{}" : null));
            attacks.add(Attack.of("POST /connectors", "{\"name\":" + JSON.toJSONString(name) + ",\"config\":{}}"));
        }
        for (String task : new String[]{"-1", "abc", "1.5", "99999999999", "%20", "0x1"}) {
            attacks.add(new Attack("GET", "/connectors/c1/tasks/" + task + "/status", null));
            attacks.add(new Attack("POST", "/connectors/c1/tasks/" + task + "/restart", null));
        }
    }

    private void wrongMethods(List<Attack> attacks, Random random) {
        for (String[] route : ROUTES) {
            List<String> allowed = List.of(route[1].split(" "));
            int picked = 0;
            for (int tries = 0; picked < 4 && tries < 50; tries++) {
                String method = METHODS[random.nextInt(METHODS.length)];
                // Undertow compares methods ignoring case, so "get" is GET
                if (!allowed.contains(method.toUpperCase(java.util.Locale.ROOT))) {
                    attacks.add(new Attack(method, route[0], random.nextBoolean() ? null : "{\"x\":1}"));
                    picked++;
                }
            }
        }
        for (String path : new String[]{"/nope", "/connectors/c1/nope", "/connectors/c1/tasks", "/plugins/p1/nope",
                "/%2e%2e/%2e%2e/etc/passwd", "/connectors/c1/tasks/0", "/..;/admin", "/" + "z".repeat(3000)}) {
            attacks.add(new Attack(METHODS[random.nextInt(METHODS.length)], path.equals("/connectors/c1/tasks") ? "/connectors/c1/tasks/0" : path, null));
        }
    }

    private void oversized(List<Attack> attacks, Random random) {
        String hugeValue = "v".repeat((int) maxRequest);
        for (String route : JSON_ROUTES) {
            attacks.add(Attack.of(route, "{\"name\":\"c1\",\"config\":{\"k\":\"" + hugeValue + "\"}}"));
            attacks.add(Attack.of(route, "{\"" + hugeValue + "\":1}"));
        }
        byte[] noise = new byte[(int) maxRequest * 2];
        random.nextBytes(noise);
        attacks.add(new Attack("POST", "/connectors", noise));
        attacks.add(new Attack("PUT", "/connectors/c1/config", noise));
        // under the limit but huge strings inside
        for (int i = 0; i < 5; i++) {
            String big = "\u00e9\u4e2d\ud83d\ude00".repeat(3000 + random.nextInt(2000));
            attacks.add(Attack.of("POST /connectors", "{\"name\":\"" + big + "\",\"config\":{}}"));
        }
    }

    private void uploads(List<Attack> attacks, Random random) {
        for (int i = 0; i < 20; i++) {
            byte[] junk = new byte[1 + random.nextInt(4096)];
            random.nextBytes(junk);
            attacks.add(new Attack("POST", "/plugins?name=junk" + i + ".jar", junk));
        }
        attacks.add(new Attack("POST", "/plugins?name=t.zip", "just text, not a zip".getBytes(StandardCharsets.UTF_8)));
        attacks.add(new Attack("POST", "/plugins?name=evil.sh", "#!/bin/sh".getBytes(StandardCharsets.UTF_8)));
        attacks.add(new Attack("POST", "/plugins?name=" + enc("../../plugins-dir/x.jar"), new byte[]{'P', 'K', 3, 4}));
        attacks.add(new Attack("POST", "/plugins?name=" + enc("a\u0000.jar"), new byte[]{'P', 'K', 3, 4}));
        attacks.add(new Attack("POST", "/plugins", new byte[]{'P', 'K', 3, 4}));
        attacks.add(new Attack("POST", "/plugins?name=big.jar", new byte[(int) maxUpload + 10]));
        attacks.add(new Attack("POST", "/plugins?name=empty.jar", new byte[0]));
        byte[] junkPart = PluginsResourceTest.multipart("bnd", "junk.jar", "no zip".getBytes(StandardCharsets.UTF_8));
        attacks.add(new Attack("POST", "/plugins", junkPart, "Content-Type", "multipart/form-data; boundary=bnd"));
        attacks.add(new Attack("POST", "/plugins", junkPart, "Content-Type", "multipart/form-data"));
        attacks.add(new Attack("POST", "/plugins", junkPart, "Content-Type", "multipart/form-data; boundary=zzz"));
        attacks.add(new Attack("POST", "/plugins", PluginsResourceTest.multipart("bnd", "../../x.jar", new byte[10]),
                "Content-Type", "multipart/form-data; boundary=bnd"));
        attacks.add(new Attack("POST", "/plugins", PluginsResourceTest.multipart("bnd", "big.jar",
                new byte[(int) maxUpload + 1]), "Content-Type", "multipart/form-data; boundary=bnd"));
    }

    private void badParameters(List<Attack> attacks) {
        for (String v : new String[]{"yes", "1", "TRUE!", "%00", "x".repeat(300)}) {
            attacks.add(new Attack("POST", "/connectors/c1/restart?includeTasks=" + enc(v), null));
            attacks.add(new Attack("POST", "/connectors/c1/restart?onlyFailed=" + enc(v), null));
            attacks.add(new Attack("GET", "/connector-plugins?connectorsOnly=" + enc(v), null));
            attacks.add(new Attack("DELETE", "/plugins/p1?force=" + enc(v), null));
        }
        attacks.add(new Attack("PUT", "/connector-plugins/" + enc("a b;rm -rf") + "/config/validate", "{}"));
        attacks.add(new Attack("PUT", "/connector-plugins/a.B/config/validate", "{\"connector.class\":\"c.D\"}"));
        attacks.add(new Attack("GET", "/plugin/config?plugin=" + enc("a b;rm -rf"), null));
        attacks.add(new Attack("GET", "/plugin/config/validate?plugin=a.B&config=" + enc("{\"connector.class\":\"c.D\"}"), null));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    public record Attack(String method, String path, byte[] body, String... headers) {
        public static Attack of(String methodAndPath, String json) {
            String[] mp = methodAndPath.split(" ", 2);
            return new Attack(mp[0], mp[1], json.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
        }

        public Attack(String method, String path, String body) {
            this(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return method + " " + abbreviate(path) + (body == null ? "" : " body[" + body.length + "]="
                    + abbreviate(new String(body, StandardCharsets.UTF_8)));
        }
    }
}
