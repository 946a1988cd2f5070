package io.openmessaging.omsconnect.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What lives where in {@code pluginsDir}: plugin entries (jars, zips, folders) at the top level, and two
 * hidden working folders the host owns, {@code .staging/} for uploads being validated and
 * {@code .extracted/} for the contents of zip plugins (those of zips outside it, named by pluginPaths, under
 * {@code .extracted/.pluginPaths/}), and the {@code .lock} file through which hosts sharing the directory take
 * turns at changing those (see {@link PluginsDirLock}). Hidden entries, READMEs and other files are never
 * plugins; other files are "stray": the host shows them as not loaded.
 */
record PluginsDirLayout(Path root) {

    static final String STAGING = ".staging";
    static final String EXTRACTED = ".extracted";
    /** Under {@code .extracted/}: hidden, so no zip of pluginsDir's own is extracted to it. */
    static final String ELSEWHERE = ".pluginPaths";

    PluginsDirLayout {
        root = root.toAbsolutePath().normalize();
    }

    Path staging() {
        return root.resolve(STAGING);
    }

    Path extracted() {
        return root.resolve(EXTRACTED);
    }

    /** Where the extractions of archives outside this folder go, one folder each (see {@link #extractedFolderOf}). */
    Path extractedElsewhere() {
        return extracted().resolve(ELSEWHERE);
    }

    /**
     * Where the contents of a zip or tar.gz plugin are extracted to: {@code .extracted/<name without its suffix>}
     * for an entry of this folder; for an archive elsewhere, a folder of that same name (a plain zip's id is its
     * name) in {@code .extracted/.pluginPaths/<digest of the archive's path>/}, so that archives of one name in
     * two folders never share an extraction.
     */
    Path extractedFolderOf(Path archive) {
        String name = archive.getFileName().toString();
        String folderName = PluginArchive.of(name).orElseThrow().baseName(name);
        return holds(archive) ? extracted().resolve(folderName) : extractedElsewhere().resolve(digest(archive)).resolve(folderName);
    }

    private static String digest(Path archive) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(archive.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether {@code path} is a top-level entry of this folder: one the host may replace or delete. */
    boolean holds(Path path) {
        return root.equals(path.toAbsolutePath().normalize().getParent());
    }

    /** True for a top-level entry that may hold a plugin: a jar, a zip or a folder, not hidden. */
    boolean isPluginEntry(Path path) {
        return isVisibleTopLevel(path) && isPluginFile(path);
    }

    /** True for a folder, or a file named as a plugin archive (jar, zip, tar.gz), wherever it is. */
    static boolean isPluginFile(Path path) {
        return Files.isDirectory(path) || isArchiveName(path.getFileName().toString());
    }

    /**
     * True for a top-level file that is no plugin file (say {@code my-connector.jar.part} or {@code .war}), not
     * hidden and no README (the build's plugins-dir holds one): dropped there by mistake, most likely, so the
     * host shows it as not loaded rather than ignoring it silently.
     */
    boolean isStrayFile(Path path) {
        if (!isVisibleTopLevel(path) || !Files.isRegularFile(path)) {
            return false;
        }
        String fileName = path.getFileName().toString();
        return !isArchiveName(fileName) && !fileName.toLowerCase(Locale.ROOT).startsWith("readme");
    }

    private boolean isVisibleTopLevel(Path path) {
        Path name = path.getFileName();
        return name != null && !name.toString().startsWith(".") && holds(path);
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
        return entries(this::isPluginEntry);
    }

    /** The stray files ({@link #isStrayFile}), in name order. */
    List<Path> strayFiles() {
        return entries(this::isStrayFile);
    }

    private List<Path> entries(Predicate<Path> kind) {
        List<Path> entries = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
            for (Path entry : stream) {
                if (kind.test(entry)) {
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
