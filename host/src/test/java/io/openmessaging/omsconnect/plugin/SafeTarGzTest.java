package io.openmessaging.omsconnect.plugin;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeTarGzTest {
    @TempDir
    Path tmp;

    /** One tar entry: a file (content), a folder (content null, name ends with /), or a link (linkTo). */
    record Entry(String name, byte[] content, String linkTo, byte linkFlag) {
        static Entry file(String name, String content) {
            return new Entry(name, content.getBytes(StandardCharsets.UTF_8), null, (byte) 0);
        }

        static Entry dir(String name) {
            return new Entry(name, null, null, (byte) 0);
        }

        static Entry symlink(String name, String to) {
            return new Entry(name, null, to, TarConstants.LF_SYMLINK);
        }

        static Entry hardlink(String name, String to) {
            return new Entry(name, null, to, TarConstants.LF_LINK);
        }
    }

    static Path tarGz(Path file, List<Entry> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                // preserveAbsolutePath: a hostile package may hold /etc/... as written
                TarArchiveEntry entry = e.linkTo != null ? new TarArchiveEntry(e.name, e.linkFlag) : new TarArchiveEntry(e.name, true);
                if (e.linkTo != null) {
                    entry.setLinkName(e.linkTo);
                } else if (e.content != null) {
                    entry.setSize(e.content.length);
                }
                tar.putArchiveEntry(entry);
                if (e.content != null) {
                    tar.write(e.content);
                }
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    @Test
    void aFolderOfJarsIsExtractedAndLinksInsideAreLeftOut() throws IOException {
        Path archive = tarGz(tmp.resolve("jdbc.tar.gz"), List.of(Entry.dir("jdbc/"), Entry.file("jdbc/lib/a.jar", "A"),
                Entry.file("jdbc/lib/b.jar", "B"), Entry.symlink("jdbc/latest.jar", "lib/a.jar"),
                Entry.hardlink("jdbc/lib/a-copy.jar", "jdbc/lib/a.jar")));
        SafeZip.check(archive);
        Path out = tmp.resolve("out");
        SafeZip.extract(archive, out);
        assertArrayEquals("A".getBytes(), Files.readAllBytes(out.resolve("jdbc/lib/a.jar")));
        assertArrayEquals("B".getBytes(), Files.readAllBytes(out.resolve("jdbc/lib/b.jar")));
        assertFalse(Files.exists(out.resolve("jdbc/latest.jar"), java.nio.file.LinkOption.NOFOLLOW_LINKS), "no link is created");
        assertFalse(Files.exists(out.resolve("jdbc/lib/a-copy.jar"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void everyWayOutIsRefusedAndNothingIsLeft() throws IOException {
        List<List<Entry>> bad = List.of(
                List.of(Entry.file("ok.jar", "x"), Entry.file("../evil.jar", "x")),
                List.of(Entry.file("/etc/evil", "x")),
                List.of(Entry.file("a/../../evil", "x")),
                List.of(Entry.symlink("lib/passwd", "/etc/passwd")),
                List.of(Entry.symlink("lib/up", "../../outside")),
                List.of(Entry.hardlink("lib/h", "../../outside")));
        int i = 0;
        for (List<Entry> entries : bad) {
            Path archive = tarGz(tmp.resolve("bad" + i++ + ".tgz"), entries);
            PluginException checked = assertThrows(PluginException.class, () -> SafeZip.check(archive), entries.toString());
            assertEquals(PluginException.Reason.BAD_ARCHIVE, checked.reason());
            Path out = tmp.resolve("out-" + i);
            assertThrows(PluginException.class, () -> SafeZip.extract(archive, out), entries.toString());
            assertFalse(Files.exists(out), "a refused package leaves nothing: " + entries);
        }
    }

    @Test
    void anEmptyOrUnreadablePackageIsRefused() throws IOException {
        Path empty = tarGz(tmp.resolve("empty.tar.gz"), List.of());
        assertTrue(assertThrows(PluginException.class, () -> SafeZip.check(empty)).getMessage().contains("empty"));
        Path notGzip = Files.writeString(tmp.resolve("plain.tar.gz"), "not a gzip stream");
        assertTrue(assertThrows(PluginException.class, () -> SafeZip.check(notGzip)).getMessage().contains("not a readable .tar.gz"));
    }

    @Test
    void namesTellTheKind() {
        assertEquals(PluginArchive.TAR_GZ, PluginArchive.of("rocketmq-connect-jdbc-0.0.1.tar.gz").orElseThrow());
        assertEquals(PluginArchive.TAR_GZ, PluginArchive.of("x.TGZ").orElseThrow());
        assertEquals(PluginArchive.ZIP, PluginArchive.of("x.zip").orElseThrow());
        assertEquals("rocketmq-connect-jdbc-0.0.1", PluginArchive.TAR_GZ.baseName("rocketmq-connect-jdbc-0.0.1.tar.gz"));
        assertTrue(PluginArchive.of("x.tar").isEmpty());
        assertTrue(PluginArchive.of(".tgz").isEmpty());
    }
}
