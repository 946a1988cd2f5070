package io.openmessaging.omsconnect.plugin;

import io.openmessaging.omsconnect.plugin.PluginException.Reason;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads {@code .tar.gz} plugin packages with the rules {@link SafeZip} holds zips to: refused when unreadable,
 * empty, over {@link SafeZip#MAX_ENTRIES} entries or {@link SafeZip#MAX_EXPANDED_BYTES} bytes, or when an entry
 * would land outside its folder. Links are never created: one that points outside the package (absolute, or
 * climbing above its folder) refuses the package; one inside it is left out (a plugin's classpath is its jars,
 * which a package holds as files). Devices and fifos refuse the package.
 */
final class SafeTarGz {

    private SafeTarGz() {
    }

    /** @throws PluginException BAD_ARCHIVE if the package is unreadable or has a dangerous entry */
    static void check(Path archive) {
        walk(archive, null);
    }

    /** Extracts {@code archive} into {@code target}, which must not exist yet. */
    static void extract(Path archive, Path target) {
        Path root = target.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
            walk(archive, root);
        } catch (IOException e) {
            PluginsDirLayout.deleteTree(root);
            throw new PluginException(Reason.BAD_ARCHIVE, archive.getFileName() + " cannot be extracted: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            PluginsDirLayout.deleteTree(root);
            throw e;
        }
    }

    /** Checks every entry; with a {@code root}, also writes the files and folders there. */
    private static void walk(Path archive, Path root) {
        long expanded = 0;
        int count = 0;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (++count > SafeZip.MAX_ENTRIES) {
                    throw new PluginException(Reason.BAD_ARCHIVE, archive.getFileName() + " has more than " + SafeZip.MAX_ENTRIES + " entries");
                }
                String name = entry.getName();
                SafeZip.checkName(archive, name);
                if (entry.isSymbolicLink() || entry.isLink()) {
                    checkLink(archive, name, entry.getLinkName());
                    continue;
                }
                if (!entry.isDirectory() && !entry.isFile()) {
                    throw new PluginException(Reason.BAD_ARCHIVE, archive.getFileName() + " has a special file: " + name);
                }
                if (root == null) {
                    continue;
                }
                Path out = root.resolve(name).normalize();
                if (!out.startsWith(root)) { // belt and braces after checkName
                    throw new PluginException(Reason.BAD_ARCHIVE, "Entry escapes the plugin folder: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                expanded += BoundedCopy.copy(tar, out, SafeZip.MAX_EXPANDED_BYTES - expanded,
                        archive.getFileName() + " expands beyond " + SafeZip.MAX_EXPANDED_BYTES + " bytes");
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new PluginException(Reason.BAD_ARCHIVE, archive.getFileName() + " is not a readable .tar.gz: " + e.getMessage(), e);
        }
        if (count == 0) {
            throw new PluginException(Reason.BAD_ARCHIVE, archive.getFileName() + " is empty");
        }
    }

    /** A link's target, resolved from the link's folder, must stay inside the package. */
    private static void checkLink(Path archive, String name, String target) {
        String normalizedTarget = target == null ? "" : target.replace('\\', '/');
        boolean escapes = normalizedTarget.startsWith("/") || normalizedTarget.indexOf('\0') >= 0
                || (normalizedTarget.length() > 1 && normalizedTarget.charAt(1) == ':');
        if (!escapes) {
            Path base = Path.of("/package").resolve(name).getParent();
            escapes = !base.resolve(normalizedTarget).normalize().startsWith(Path.of("/package"));
        }
        if (escapes) {
            throw new PluginException(Reason.BAD_ARCHIVE, archive.getFileName() + " has a link that points outside it: "
                    + name + " -> " + target);
        }
    }
}
