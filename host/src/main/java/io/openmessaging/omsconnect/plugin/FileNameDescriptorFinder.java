package io.openmessaging.omsconnect.plugin;

import org.pf4j.DefaultPluginDescriptor;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last finder: describes any jar or folder that has no pf4j descriptor from its file name, Maven
 * style: {@code foo-connector-1.2.3.jar} is plugin {@code foo-connector} version {@code 1.2.3}; a name
 * without a version gets {@code 0.0.0}. A folder is named after itself (Kafka {@code plugin.path} style).
 */
final class FileNameDescriptorFinder implements PluginDescriptorFinder {

    static final String UNKNOWN_VERSION = "0.0.0";

    /** A version starts with major.minor, or is a bare number at the very end. */
    private static final Pattern NAME_VERSION = Pattern.compile("^(.+?)-(\\d+\\.\\d+[A-Za-z0-9.+_-]*|\\d+)$");

    /** Marks descriptors made up from a file name, so the host can tell plain plugins from pf4j ones. */
    static final class Synthesized extends DefaultPluginDescriptor {
        Synthesized(String id, String version) {
            super(id, "", null, version, "*", "", "");
        }
    }

    @Override
    public boolean isApplicable(Path pluginPath) {
        return Files.isDirectory(pluginPath) || Files.isRegularFile(pluginPath);
    }

    @Override
    public PluginDescriptor find(Path pluginPath) {
        String name = pluginPath.getFileName().toString();
        if (Files.isRegularFile(pluginPath) && name.lastIndexOf('.') > 0) {
            name = name.substring(0, name.lastIndexOf('.'));
        }
        Matcher m = NAME_VERSION.matcher(name);
        return m.matches() ? new Synthesized(m.group(1), m.group(2)) : new Synthesized(name, UNKNOWN_VERSION);
    }
}
