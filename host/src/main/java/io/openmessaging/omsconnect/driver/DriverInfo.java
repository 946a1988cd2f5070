package io.openmessaging.omsconnect.driver;

import java.util.List;

/** A driver as {@code GET /drivers} shows it. */
public record DriverInfo(String name, String plugin, String className, List<String> urlsInUse) {
}
