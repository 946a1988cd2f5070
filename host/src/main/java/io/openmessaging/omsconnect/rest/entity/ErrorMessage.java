package io.openmessaging.omsconnect.rest.entity;

import com.alibaba.fastjson2.annotation.JSONField;

/**
 * Kafka Connect's error body {@code {"error_code": <http status>, "message": "..."}}, plus our
 * {@code "field"} (the config key or parameter at fault) when there is one.
 */
public record ErrorMessage(@JSONField(name = "error_code", ordinal = 0) int errorCode,
                           @JSONField(ordinal = 1) String message,
                           @JSONField(ordinal = 2) String field) {
}
