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
        if (!(value instanceof JSONObject object)) {
            throw HttpError.badRequest(null, what + " must be a JSON object");
        }
        return object;
    }
}
