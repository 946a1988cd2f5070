package io.openmessaging.omsconnect.plugin;

import io.openmessaging.omsconnect.plugin.PluginException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads jar and zip archives defensively: an archive is refused when it can't be read, or when an entry
 * name would land outside the folder it is extracted to (zip-slip: {@code ../x}, {@code /x}, {@code C:x},
 * backslashes), or when it would expand beyond sane limits (zip bomb). We extract ourselves instead of
 * using pf4j's {@code FileUtils.expandIfZip} so that these rules hold for every zip, uploaded or dropped.
 */
final class SafeZip {

    /** Generous for plugins (the RocketMQ driver expands to ~75 MB), small enough to stop a bomb. */
    static final long MAX_EXPANDED_BYTES = 2L << 30;
    static final int MAX_ENTRIES = 200_000;

    private SafeZip() {
    }

    /**
     * A {@code .tar.gz} is checked by {@link SafeTarGz} under the same rules.
     *
     * @throws PluginException BAD_ARCHIVE if the archive is unreadable or has a dangerous entry
     */
    static void check(Path archive) {
        if (PluginArchive.of(archive).orElse(null) == PluginArchive.TAR_GZ) {
            SafeTarGz.check(archive);
            return;
        }
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            int count = 0;
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                checkName(archive, entries.nextElement().getName());
                if (++count > MAX_ENTRIES) {
                    throw new PluginException(Reason.BAD_ARCHIVE, archive.getFileName() + " has more than " + MAX_ENTRIES + " entries");
                }
            }
            if (count == 0) {
                throw new PluginException(Reason.BAD_ARCHIVE, archive.getFileName() + " is empty");
            }
        } catch (IOException | IllegalStateException e) {
            throw new PluginException(Reason.BAD_ARCHIVE, archive.getFileName() + " is not a readable jar or zip: " + e.getMessage(), e);
        }
    }

    /** Extracts {@code archive} (a zip, or a {@code .tar.gz} through {@link SafeTarGz}) into {@code target}, which must not exist yet. */
    static void extract(Path archive, Path target) {
        if (PluginArchive.of(archive).orElse(null) == PluginArchive.TAR_GZ) {
            SafeTarGz.extract(archive, target);
            return;
        }
        Path root = target.toAbsolutePath().normalize();
        long expanded = 0;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Files.createDirectories(root);
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                checkName(archive, entry.getName());
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) { // belt and braces after checkName
                    throw new PluginException(Reason.BAD_ARCHIVE, "Entry escapes the plugin folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    expanded += BoundedCopy.copy(in, out, MAX_EXPANDED_BYTES - expanded,
                            archive.getFileName() + " expands beyond " + MAX_EXPANDED_BYTES + " bytes");
                }
            }
        } catch (IOException | IllegalStateException e) {
            PluginsDirLayout.deleteTree(root);
            throw new PluginException(Reason.BAD_ARCHIVE, archive.getFileName() + " cannot be extracted: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            PluginsDirLayout.deleteTree(root);
            throw e;
        }
    }

    static void checkName(Path archive, String name) {
        String normalized = name.replace('\\', '/');
        boolean bad = name.indexOf('\\') >= 0
                || name.indexOf('\0') >= 0
                || normalized.startsWith("/")
                || (normalized.length() > 1 && normalized.charAt(1) == ':');
        for (String segment : normalized.split("/")) {
            bad |= segment.equals("..");
        }
        if (bad) {
            throw new PluginException(Reason.BAD_ARCHIVE,
                    archive.getFileName() + " has an entry that escapes its folder: " + name);
        }
    }
}
