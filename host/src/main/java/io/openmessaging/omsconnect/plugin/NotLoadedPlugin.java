package io.openmessaging.omsconnect.plugin;

import java.nio.file.Path;

/**
 * An entry of {@code pluginsDir} that is not loaded, and why: a jar, zip, tar.gz or folder that failed to load
 * (unreadable, no descriptor the finders accept, an id another entry already has…), or a file that is no plugin
 * file at all. It stays listed until its entry loads or is deleted.
 *
 * @param path   the entry in {@code pluginsDir}
 * @param reason what went wrong, as logged
 */
public record NotLoadedPlugin(Path path, String reason) {
}
