package io.openmessaging.omsconnect.rest.json;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONObject;
import com.alibaba.fastjson2.JSONReader;
import io.openmessaging.omsconnect.rest.http.HttpError;

import java.nio.charset.StandardCharsets;

/**
 * The REST layer's JSON codec (fastjson2). Parsing never resolves types named in the input (no autoType:
 * only the default JSONObject/JSONArray/scalars come out, {@code "@type"} is an ordinary key), nesting is
 * bounded by fastjson2's level limit, trailing text is refused, and parse errors never echo the input.
 * What fastjson2 accepts beyond JSON ({@code \x41} escapes, single-quoted strings) is refused, as Kafka
 * Connect's Jackson refuses it, so a request means the same on both.
 */
public final class Json {
    private Json() {
    }

    public static byte[] write(Object value) {
        return JSON.toJSONString(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param what names the input in error messages ("request body", "query parameter 'config'")
     * @throws HttpError 400 when the text is not one JSON object
     */
    public static JSONObject parseObject(String text, String what) {
        if (text == null || text.isBlank()) {
            throw HttpError.badRequest(null, what + " must be a JSON object, but is empty");
        }
        Object value;
        try (JSONReader reader = JSONReader.of(text)) {
            // off by default; said here so that no global fastjson2 setting can turn it on for REST input
            reader.getContext().config(JSONReader.Feature.SupportAutoType, false);
            value = reader.readAny();
            if (!reader.isEnd()) {
                throw HttpError.badRequest(null, what + " is malformed JSON: unexpected text after the value");
            }
        } catch (JSONException | NumberFormatException | ArithmeticException e) {
            throw HttpError.badRequest(null, what + " is malformed JSON");
        }
        String extension = nonStandard(text);
        if (extension != null) {
            throw HttpError.badRequest(null, what + " is malformed JSON: " + extension);
        }
        if (!(value instanceof JSONObject object)) {
            throw HttpError.badRequest(null, what + " must be a JSON object");
        }
        return object;
    }

    /** The first fastjson2 extension of JSON in {@code text} (which fastjson2 has parsed), or null. */
    private static String nonStandard(String text) {
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                    if (next == 0 || "\"\\/bfnrtu".indexOf(next) < 0) {
                        return "invalid escape in a string";
                    }
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '\'') {
                return "strings must be in double quotes";
            }
        }
        return null;
    }
}
