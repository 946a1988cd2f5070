package io.openmessaging.omsconnect.rest.entity;

import com.alibaba.fastjson2.annotation.JSONField;

/**
 * Kafka Connect's error body {@code {"error_code": <http status>, "message": "..."}}, exactly its fields:
 * Kafka's own client rejects any other. The field at fault is named in the message and, for programs, in
 * the {@code Omsconnect-Error-Field} header.
 */
public record ErrorMessage(@JSONField(name = "error_code", ordinal = 0) int errorCode,
                           @JSONField(ordinal = 1) String message) {
}
