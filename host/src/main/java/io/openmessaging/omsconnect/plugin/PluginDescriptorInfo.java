package io.openmessaging.omsconnect.plugin;

import java.nio.file.Path;
import java.util.List;

/**
 * One loaded plugin, as the REST API shows it.
 *
 * @param id         pf4j plugin id, or synthesized from the file name for a plain jar or folder
 * @param version    plugin version ("0.0.0" when unknown)
 * @param path       the jar, zip or folder in {@code pluginsDir} or named by pluginPaths
 * @param kind       how it was packaged: "pf4j-jar", "pf4j-zip", "pf4j-folder", "plain-jar", "plain-folder",
 *                   "plain-zip" (a zip of jars without plugin.properties: id from the file name)
 * @param state      pf4j plugin state (STARTED, STOPPED, FAILED…)
 * @param components what was discovered inside it
 */
public record PluginDescriptorInfo(String id, String version, Path path, String kind, String state,
                                   List<PluginComponent> components) {
}
