package io.openmessaging.omsconnect.plugin;

import io.openmessaging.omsconnect.plugin.PluginException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a stream to a file, refusing (BAD_ARCHIVE) once it passes a byte budget: uploads and zip entries are untrusted. */
final class BoundedCopy {
    private BoundedCopy() {
    }

    /**
     * @param budget   bytes allowed
     * @param tooLarge the refusal's message
     * @return bytes written
     */
    static long copy(InputStream in, Path out, long budget, String tooLarge) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        try (OutputStream os = Files.newOutputStream(out)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                written += n;
                if (written > budget) {
                    throw new PluginException(Reason.BAD_ARCHIVE, tooLarge);
                }
                os.write(buffer, 0, n);
            }
        }
        return written;
    }
}
