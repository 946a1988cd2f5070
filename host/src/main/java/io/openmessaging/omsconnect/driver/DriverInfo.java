package io.openmessaging.omsconnect.driver;

import java.util.List;

/**
 * A driver as {@code GET /drivers} shows it; {@code features} are what its plugin declares it can do beyond OMS
 * 0.3.1 ({@link DriverFeatures}), null when it declares nothing.
 */
public record DriverInfo(String name, String plugin, String className, List<String> urlsInUse, List<String> features) {
}
