package io.openmessaging.omsconnect.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What lives where in {@code pluginsDir}: plugin entries (jars, zips, folders) at the top level, and two
 * hidden working folders the host owns, {@code .staging/} for uploads being validated and
 * {@code .extracted/} for the contents of zip plugins, and the {@code .lock} file through which hosts sharing
 * the directory take turns at changing those (see {@link PluginsDirLock}). Hidden entries and other files
 * (README…) are never plugins.
 */
record PluginsDirLayout(Path root) {

    static final String STAGING = ".staging";
    static final String EXTRACTED = ".extracted";

    PluginsDirLayout {
        root = root.toAbsolutePath().normalize();
    }

    Path staging() {
        return root.resolve(STAGING);
    }

    Path extracted() {
        return root.resolve(EXTRACTED);
    }

    /** Where the contents of a zip or tar.gz plugin are extracted to. */
    Path extractedFolderOf(Path archive) {
        String name = archive.getFileName().toString();
        return extracted().resolve(PluginArchive.of(name).orElseThrow().baseName(name));
    }

    /** True for a top-level entry that may hold a plugin: a jar, a zip or a folder, not hidden. */
    boolean isPluginEntry(Path path) {
        Path name = path.getFileName();
        if (name == null || !root.equals(path.toAbsolutePath().normalize().getParent())) {
            return false;
        }
        String fileName = name.toString();
        if (fileName.startsWith(".")) {
            return false;
        }
        return Files.isDirectory(path) || isArchiveName(fileName);
    }

    static boolean isArchiveName(String fileName) {
        return PluginArchive.of(fileName).isPresent();
    }

    /** An existing zip or tar.gz: extracted before it is loaded. */
    static boolean isZip(Path path) {
        return PluginArchive.isExtractedFile(path);
    }

    /** The plugin entries, in name order so that boots are repeatable. */
    List<Path> pluginEntries() {
        List<Path> entries = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
            for (Path entry : stream) {
                if (isPluginEntry(entry)) {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
        entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return entries;
    }

    /** Removes a working folder when nothing is left in it, so a failed install leaves no trace. */
    static void deleteIfEmpty(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // still in use: keep it
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + folder, e);
        }
    }

    /** Deletes a file or a folder tree; missing is fine. */
    static void deleteTree(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path, e);
        }
    }
}
