package io.openmessaging.omsconnect.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Keeps the extracted contents of zip plugins in {@code .extracted/<zip name without .zip>/}, each with
 * a stamp (the zip's size and modification time) so that a restart reuses an extraction that is still
 * current instead of expanding a 70 MB driver again. Extraction goes through {@link SafeZip}.
 */
final class ZipExtractions {
    private final PluginsDirLayout layout;

    ZipExtractions(PluginsDirLayout layout) {
        this.layout = layout;
    }

    static boolean isZipName(Path path) {
        return path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
    }

    /** The folder holding the zip's contents, extracted now unless a current extraction exists. */
    Path ensureExtracted(Path zip) {
        Path folder = layout.extractedFolderOf(zip);
        String stamp = stampOf(zip);
        try {
            Path stampFile = stampFile(folder);
            if (Files.isDirectory(folder) && Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)) {
                return folder;
            }
            delete(zip);
            SafeZip.extract(zip, folder);
            Files.writeString(stampFile, stamp);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract " + zip, e);
        }
    }

    /** Takes over a folder the zip was already extracted to (an upload validated in staging). */
    void adopt(Path zip, Path extractedFolder) {
        Path folder = layout.extractedFolderOf(zip);
        try {
            delete(zip);
            Files.createDirectories(folder.getParent());
            Files.move(extractedFolder, folder, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(stampFile(folder), stampOf(zip));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the extraction of " + zip, e);
        }
    }

    /** Deletes a zip's extraction, and {@code .extracted/} itself once empty. */
    void delete(Path zip) {
        if (!isZipName(zip)) {
            return;
        }
        Path folder = layout.extractedFolderOf(zip);
        PluginsDirLayout.deleteTree(folder);
        PluginsDirLayout.deleteTree(stampFile(folder));
        PluginsDirLayout.deleteIfEmpty(layout.extracted());
    }

    /** Deletes extractions whose zip is gone (deleted while the worker was down). */
    void pruneOrphans() {
        Path root = layout.extracted();
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String folderName = name.endsWith(".stamp") ? name.substring(0, name.length() - ".stamp".length()) : name;
                if (!Files.exists(layout.root().resolve(folderName + ".zip"))) {
                    PluginsDirLayout.deleteTree(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
        PluginsDirLayout.deleteIfEmpty(root);
    }

    private static Path stampFile(Path folder) {
        return folder.resolveSibling(folder.getFileName() + ".stamp");
    }

    private static String stampOf(Path zip) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(zip, BasicFileAttributes.class);
            return attrs.size() + ":" + attrs.lastModifiedTime().toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + zip, e);
        }
    }
}
