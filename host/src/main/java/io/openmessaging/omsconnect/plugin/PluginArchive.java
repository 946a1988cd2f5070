package io.openmessaging.omsconnect.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of plugin file, told by name: a jar is its own classpath; a zip (pf4j's plugin zip, or a zip of a
 * folder of jars) and a gzipped tar (RocketMQ Connect ships its JDBC connector as a {@code .tar.gz} of a folder
 * of jars) are extracted first, by {@link SafeZip} and {@link SafeTarGz}.
 */
enum PluginArchive {
    JAR(".jar"), ZIP(".zip"), TAR_GZ(".tar.gz", ".tgz");

    private final String[] suffixes;

    PluginArchive(String... suffixes) {
        this.suffixes = suffixes;
    }

    /** The kind of a file named {@code fileName}; empty when it is no plugin file. */
    static Optional<PluginArchive> of(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (PluginArchive kind : values()) {
            for (String suffix : kind.suffixes) {
                if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
                    return Optional.of(kind);
                }
            }
        }
        return Optional.empty();
    }

    static Optional<PluginArchive> of(Path path) {
        Path name = path.getFileName();
        return name == null ? Optional.empty() : of(name.toString());
    }

    /** Whether {@code path} names an archive that is extracted before loading (a zip or a tar.gz). */
    static boolean extracted(Path path) {
        return of(path).filter(kind -> kind != JAR).isPresent();
    }

    /** Whether {@code path} is an existing file of an extracted kind. */
    static boolean isExtractedFile(Path path) {
        return extracted(path) && Files.isRegularFile(path);
    }

    /** The name without this kind's suffix: the folder an extraction goes to. */
    String baseName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String suffix : suffixes) {
            if (lower.endsWith(suffix)) {
                return fileName.substring(0, fileName.length() - suffix.length());
            }
        }
        throw new IllegalArgumentException(fileName + " is not a " + name() + " name");
    }
}
