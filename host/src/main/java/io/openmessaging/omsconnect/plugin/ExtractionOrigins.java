package io.openmessaging.omsconnect.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which archive each extraction under {@code .extracted/.pluginPaths/} comes from. An archive of pluginsDir is
 * known by its extraction's name; one elsewhere (named by pluginPaths) is not, so {@code <digest>.origin} beside
 * its folder holds its path: an extraction whose archive is gone is deleted at start as pluginsDir's are, and one
 * whose archive is still there is kept, whether this worker names it or another one sharing the folder does.
 * Callers hold the {@link PluginsDirLock}.
 */
final class ExtractionOrigins {
    private static final String SUFFIX = ".origin";

    private final PluginsDirLayout layout;

    ExtractionOrigins(PluginsDirLayout layout) {
        this.layout = layout;
    }

    /** Notes where the extraction of an archive outside pluginsDir comes from; nothing for pluginsDir's own. */
    void record(Path archive) throws IOException {
        if (!layout.holds(archive)) {
            Files.writeString(originFile(layout.extractedFolderOf(archive).getParent()),
                    archive.toAbsolutePath().normalize().toString(), StandardCharsets.UTF_8);
        }
    }

    /** Forgets an archive whose extraction was deleted, with the folders left empty. */
    void forget(Path archive) {
        if (!layout.holds(archive)) {
            Path folder = layout.extractedFolderOf(archive).getParent();
            PluginsDirLayout.deleteTree(originFile(folder));
            PluginsDirLayout.deleteIfEmpty(folder);
            PluginsDirLayout.deleteIfEmpty(layout.extractedElsewhere());
        }
    }

    /** Deletes the extractions whose archive is gone (deleted while the worker was down) or never noted. */
    void deleteOrphans() {
        Path root = layout.extractedElsewhere();
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                Path folder = entry.resolveSibling(entry.getFileName().toString().replaceFirst("\\.origin$", ""));
                if (!archiveLeft(folder)) {
                    PluginsDirLayout.deleteTree(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
        PluginsDirLayout.deleteIfEmpty(root);
    }

    private static boolean archiveLeft(Path folder) throws IOException {
        Path origin = originFile(folder);
        return Files.isRegularFile(origin) && Files.isRegularFile(Path.of(Files.readString(origin, StandardCharsets.UTF_8)));
    }

    private static Path originFile(Path folder) {
        return folder.resolveSibling(folder.getFileName() + SUFFIX);
    }
}
