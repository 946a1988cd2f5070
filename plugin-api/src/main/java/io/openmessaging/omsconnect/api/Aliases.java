package io.openmessaging.omsconnect.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Other class names a component may be configured by, e.g. the Kafka Connect class it stands in for
 * ({@code org.apache.kafka.connect.transforms.InsertField$Value}), so a config written for another runtime
 * runs unchanged. A loaded class of that name wins over an alias; of two plugins claiming one alias the first
 * loaded keeps it (the worker logs a warning).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Aliases {
    String[] value();
}
