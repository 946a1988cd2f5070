package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.errors.ConnectException;

/**
 * A record a transform cannot handle (a schemaless value that is no map, a field the schema lacks, a value
 * that does not cast ...). Its message starts with the transform's name, e.g. {@code InsertField$Value: ...},
 * and names the field concerned.
 */
public final class TransformFailure extends ConnectException {

    public TransformFailure(String transform, String message) {
        super(transform + ": " + message);
    }

    public TransformFailure(String transform, String message, Throwable cause) {
        super(transform + ": " + message, cause);
    }
}
