package io.openmessaging.omsconnect.herder;

/** The rule for connector names: they appear in URLs and file names, so nothing that could escape either. */
public final class ConnectorNames {
    public static final int MAX_LENGTH = 200;

    private ConnectorNames() {
    }

    /** @throws BadRequestException naming field "name" */
    public static void validate(String name) {
        if (name == null || name.isBlank()) {
            throw new BadRequestException("name", "connector name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new BadRequestException("name", "connector name longer than " + MAX_LENGTH + " characters");
        }
        if (name.contains("/") || name.contains("\\") || name.contains("..")) {
            throw new BadRequestException("name", "connector name must not contain '/', '\\' or '..'");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new BadRequestException("name", "connector name must not contain control characters");
            }
        }
    }
}
