package io.openmessaging.omsconnect.plugin;

import io.openmessaging.omsconnect.plugin.PluginException.Reason;

import java.util.regex.Pattern;

/**
 * The file name an uploaded plugin gets in {@code pluginsDir}: a bare name (no folder, no {@code ..},
 * not hidden) of safe characters, ending in {@code .jar}, {@code .zip}, {@code .tar.gz} or {@code .tgz}.
 */
final class UploadName {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,199}\\.(jar|zip|tar\\.gz|tgz|JAR|ZIP|TAR\\.GZ|TGZ)");

    private UploadName() {
    }

    /** @throws PluginException BAD_ARCHIVE when the name is unsafe or not a jar/zip name */
    static String sanitize(String fileName) {
        if (fileName == null || !SAFE.matcher(fileName).matches() || fileName.contains("..")) {
            throw new PluginException(Reason.BAD_ARCHIVE,
                    "Bad plugin file name '" + fileName + "': use letters, digits, '.', '_', '+', '-', ending in .jar, .zip, .tar.gz or .tgz");
        }
        return fileName;
    }
}
