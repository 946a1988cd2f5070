package io.openmessaging.omsconnect.rest;

import io.openmessaging.omsconnect.rest.http.HttpError;

import java.util.Locale;

/**
 * The names the REST layer accepts for connectors, plugin ids and uploaded files: they end up in store
 * keys, file names and log lines, so they must not be able to walk out of a folder or forge a line.
 */
final class NameRules {
    static final int MAX_LENGTH = 200;

    private NameRules() {
    }

    /** @return {@code name} when it is non-empty, at most 200 chars, without / \ .. or control characters */
    static String check(String name, String field) {
        if (name == null || name.isBlank()) {
            throw HttpError.badRequest(field, field + " must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw HttpError.badRequest(field, field + " must be at most " + MAX_LENGTH + " characters");
        }
        if (name.contains("/") || name.contains("\\") || name.contains("..")) {
            throw HttpError.badRequest(field, field + " must not contain '/', '\\' or '..'");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw HttpError.badRequest(field, field + " must not contain control characters");
            }
        }
        return name;
    }

    static String connector(String name) {
        return check(name, "name");
    }

    /** An uploaded plugin's file name: a safe name ending in .jar or .zip. */
    static String uploadFile(String fileName) {
        check(fileName, "name");
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".jar") && !lower.endsWith(".zip") && !lower.endsWith(".tar.gz") && !lower.endsWith(".tgz")) {
            throw HttpError.badRequest("name", "name must end with .jar, .zip, .tar.gz or .tgz");
        }
        return fileName;
    }
}
