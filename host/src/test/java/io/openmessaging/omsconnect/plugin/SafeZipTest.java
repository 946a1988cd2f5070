package io.openmessaging.omsconnect.plugin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SafeZipTest {

    @TempDir
    Path tmp;

    @Test
    void everyWayOutOfTheFolderIsRefused() {
        for (String name : new String[]{"../x", "a/../../x", "/etc/x", "C:/x", "c:x", "a\\..\\x", "..\\x", "a/..", "x\0y"}) {
            PluginException e = assertThrows(PluginException.class, () -> SafeZip.checkName(Path.of("p.zip"), name), name);
            assertEquals(PluginException.Reason.BAD_ARCHIVE, e.reason());
        }
    }

    @Test
    void ordinaryNamesPass() {
        for (String name : new String[]{"lib/a.jar", "classes/a/B.class", "plugin.properties", "a..b/c", "META-INF/"}) {
            SafeZip.checkName(Path.of("p.zip"), name);
        }
    }

    @Test
    void extractionStopsAtTheFirstBadEntryAndLeavesNothing() {
        Path zip = TestPlugins.pack(tmp.resolve("p.zip"), Map.of("ok.txt", "fine".getBytes()), Map.of("../../escaped", "bad".getBytes()));
        Path target = tmp.resolve("out");
        assertThrows(PluginException.class, () -> SafeZip.extract(zip, target));
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(tmp.getParent().resolve("escaped")));
    }

    @Test
    void aGoodZipIsExtracted() throws IOException {
        Path zip = TestPlugins.pack(tmp.resolve("p.zip"), Map.of("lib/a.txt", "A".getBytes(), "plugin.properties", "x".getBytes()));
        SafeZip.check(zip);
        SafeZip.extract(zip, tmp.resolve("out"));
        assertEquals("A", Files.readString(tmp.resolve("out/lib/a.txt")));
    }

    @Test
    void emptyAndUnreadableArchivesAreBad() {
        Path empty = TestPlugins.pack(tmp.resolve("e.zip"));
        assertThrows(PluginException.class, () -> SafeZip.check(empty));
        Path junk = TestPlugins.write(tmp.resolve("j.jar"), new byte[]{'P', 'K', 3, 4, 9, 9});
        assertThrows(PluginException.class, () -> SafeZip.check(junk));
    }
}
