package io.openmessaging.omsconnect.file;

import io.openmessaging.connector.api.errors.ConnectException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The {@code file} setting both connectors share: one path (the file need not exist yet, but must
 * not be a directory), made absolute so offsets name the file unambiguously.
 */
final class FilePathSetting {

    static final String KEY = "file";

    private FilePathSetting() {
    }

    static Path read(ConfigReader reader) {
        String value = reader.required(KEY);
        Path file;
        try {
            file = Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConnectException("invalid config '" + KEY + "': " + e.getMessage());
        }
        if (Files.isDirectory(file)) {
            throw new ConnectException("invalid config '" + KEY + "': " + file + " is a directory");
        }
        return file;
    }
}
