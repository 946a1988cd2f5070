package io.openmessaging.omsconnect.plugin;

import java.nio.file.Path;

/**
 * An entry of {@code pluginsDir} or of pluginPaths that is not loaded, and why: a jar, zip, tar.gz or folder that
 * failed to load (unreadable, no descriptor the finders accept, an id another entry already has…), a file that is
 * no plugin file at all, or a pluginPaths entry that does not exist. It stays listed until its entry loads or is
 * deleted from {@code pluginsDir}.
 *
 * @param path   the entry in {@code pluginsDir}, or named by pluginPaths
 * @param reason what went wrong, as logged
 */
public record NotLoadedPlugin(Path path, String reason) {
}
