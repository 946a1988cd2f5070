package io.openmessaging.omsconnect.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the extracted contents of zip and tar.gz plugins in {@code .extracted/<name without .zip, .tar.gz or .tgz>/}
 * (those of archives outside pluginsDir where {@link PluginsDirLayout#extractedFolderOf} says), each with
 * a stamp (the zip's size and modification time) so that a restart reuses an extraction that is still
 * current instead of expanding a 70 MB driver again. Extraction goes through {@link SafeZip}.
 *
 * <p>Beside each extraction it also keeps the component candidates found in it: scanning a big driver
 * (~18k classes) costs seconds of inflating, and the result only changes with the zip. A kept list is
 * used only under the same stamp, and every candidate is still verified by loading it.
 *
 * <p>Every method holds the {@link PluginsDirLock}: hosts that share the directory (in this JVM or in other
 * processes) see an extraction either whole and stamped or not at all, and never delete one another's.
 */
final class ZipExtractions {
    private final PluginsDirLayout layout;
    private final PluginsDirLock lock;
    private final ExtractionOrigins origins;

    ZipExtractions(PluginsDirLayout layout) {
        this.layout = layout;
        this.lock = new PluginsDirLock(layout);
        this.origins = new ExtractionOrigins(layout);
    }

    /** A zip or a tar.gz: extracted before loading (the name says "zip" for both, as the folder does). */
    static boolean isZipName(Path path) {
        return PluginArchive.extracted(path);
    }

    /** The folder holding the zip's contents, extracted now unless a current extraction exists. */
    Path ensureExtracted(Path zip) {
        return lock.call(() -> extractUnlessCurrent(zip));
    }

    private Path extractUnlessCurrent(Path zip) {
        Path folder = layout.extractedFolderOf(zip);
        String stamp = stampOf(zip);
        try {
            if (isCurrent(folder, stamp)) {
                return folder;
            }
            deleteExtraction(zip);
            SafeZip.extract(zip, folder);
            Files.writeString(stampFile(folder), stamp);
            origins.record(zip);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract " + zip, e);
        }
    }

    private static boolean isCurrent(Path folder, String stamp) throws IOException {
        Path stampFile = stampFile(folder);
        return Files.isDirectory(folder) && Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp);
    }

    /**
     * Takes over a folder the zip was already extracted to (an upload validated in staging), unless another
     * host sharing the directory extracted the zip meanwhile (it saw the zip appear): that one is kept.
     */
    void adopt(Path zip, Path extractedFolder) {
        lock.run(() -> {
            Path folder = layout.extractedFolderOf(zip);
            String stamp = stampOf(zip);
            try {
                if (isCurrent(folder, stamp)) {
                    return;
                }
                deleteExtraction(zip);
                Files.createDirectories(folder.getParent());
                Files.move(extractedFolder, folder, StandardCopyOption.ATOMIC_MOVE);
                Files.writeString(stampFile(folder), stamp);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot keep the extraction of " + zip, e);
            }
        });
    }

    /** The candidates kept for this zip, if they were found in the zip as it is now. */
    Optional<List<ComponentScanner.Candidate>> candidates(Path zip) {
        return lock.call(() -> keptCandidates(zip));
    }

    private Optional<List<ComponentScanner.Candidate>> keptCandidates(Path zip) {
        Path file = candidatesFile(layout.extractedFolderOf(zip));
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(stampOf(zip))) {
                return Optional.empty();
            }
            List<ComponentScanner.Candidate> candidates = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] parts = line.split(" ");
                candidates.add(new ComponentScanner.Candidate(parts[1], ComponentType.valueOf(parts[0]),
                        parts[2].equals("-") ? null : parts[2]));
            }
            return Optional.of(List.copyOf(candidates));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or from another version: scan again
        }
    }

    void keepCandidates(Path zip, List<ComponentScanner.Candidate> candidates) {
        StringBuilder text = new StringBuilder(stampOf(zip)).append('\n');
        for (ComponentScanner.Candidate c : candidates) {
            text.append(c.type()).append(' ').append(c.className()).append(' ')
                    .append(c.driverName() == null ? "-" : c.driverName()).append('\n');
        }
        lock.run(() -> {
            try {
                Files.writeString(candidatesFile(layout.extractedFolderOf(zip)), text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write beside the extraction of " + zip, e);
            }
        });
    }

    /** Deletes a zip's extraction and what is kept beside it, and {@code .extracted/} itself once empty. */
    void delete(Path zip) {
        if (isZipName(zip)) {
            lock.run(() -> deleteExtraction(zip));
        }
    }

    private void deleteExtraction(Path zip) {
        Path folder = layout.extractedFolderOf(zip);
        PluginsDirLayout.deleteTree(folder);
        PluginsDirLayout.deleteTree(stampFile(folder));
        PluginsDirLayout.deleteTree(candidatesFile(folder));
        origins.forget(zip);
        PluginsDirLayout.deleteIfEmpty(layout.extracted());
    }

    /** Deletes extractions whose zip is gone (deleted while the worker was down), in pluginsDir or elsewhere. */
    void pruneOrphans() {
        if (Files.isDirectory(layout.extracted())) {
            lock.run(this::deleteOrphans);
        }
    }

    private void deleteOrphans() {
        Path root = layout.extracted();
        if (!Files.isDirectory(root)) {
            return;
        }
        origins.deleteOrphans();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (entry.equals(layout.extractedElsewhere())) {
                    continue; // pruned by origins
                }
                String folderName = name.replaceFirst("\\.(stamp|candidates)$", "");
                boolean archiveLeft = java.util.stream.Stream.of(".zip", ".tar.gz", ".tgz")
                        .anyMatch(suffix -> Files.exists(layout.root().resolve(folderName + suffix)));
                if (!archiveLeft) {
                    PluginsDirLayout.deleteTree(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
        PluginsDirLayout.deleteIfEmpty(root);
    }

    private static Path candidatesFile(Path folder) {
        return folder.resolveSibling(folder.getFileName() + ".candidates");
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
