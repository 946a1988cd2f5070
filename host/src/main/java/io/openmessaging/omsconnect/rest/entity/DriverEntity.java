package io.openmessaging.omsconnect.rest.entity;

import com.alibaba.fastjson2.annotation.JSONField;
import io.openmessaging.omsconnect.config.Secrets;
import io.openmessaging.omsconnect.driver.DriverInfo;

import java.util.List;

/**
 * A driver as {@code GET /drivers} shows it; passwords in the URLs in use are masked; {@code features} (what the
 * driver declares it can do beyond OMS 0.3.1: {@code seek}, {@code queue-offset}, {@code sent-position}) is left
 * out when it declares nothing.
 */
public record DriverEntity(@JSONField(ordinal = 0) String name, @JSONField(ordinal = 1) String plugin,
                           @JSONField(name = "class", ordinal = 2) String className,
                           @JSONField(name = "urls_in_use", ordinal = 3) List<String> urlsInUse,
                           @JSONField(ordinal = 4) List<String> features) {

    public static DriverEntity of(DriverInfo d) {
        List<String> urls = d.urlsInUse() == null ? List.of() : d.urlsInUse().stream().map(Secrets::maskUrl).toList();
        return new DriverEntity(d.name(), d.plugin(), d.className(), urls, d.features());
    }
}
