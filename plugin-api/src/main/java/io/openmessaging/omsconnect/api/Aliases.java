package io.openmessaging.omsconnect.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Other class names a component may be configured by, e.g. the Kafka Connect class it stands in for
 * ({@code org.apache.kafka.connect.transforms.InsertField$Value}), so a config written for another runtime
 * runs unchanged. The worker refuses a plugin whose alias is another loaded component's name or alias.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Aliases {
    String[] value();
}
