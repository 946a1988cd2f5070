package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.FieldType;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;

import java.util.Map;

/**
 * Builders for schemas made from another. The OpenMessaging builder makes a schema optional unless told
 * otherwise (Kafka's makes it required), so every copy states its optionality.
 */
final class SchemaCopy {

    private SchemaCopy() {
    }

    /**
     * A builder for a schema like {@code source}: its type (with its element schemas for arrays and maps, but
     * no struct fields), name, version, doc, parameters, optionality and default.
     */
    static SchemaBuilder of(Schema source) {
        return of(source, source.isOptional(), source.getDefaultValue());
    }

    /** A builder like {@link #of(Schema)}'s, but with the given optionality and default (null: none). */
    static SchemaBuilder of(Schema source, boolean optional, Object defaultValue) {
        SchemaBuilder builder = switch (source.getFieldType()) {
            case ARRAY -> SchemaBuilder.array(source.getValueSchema());
            case MAP -> SchemaBuilder.map(source.getKeySchema(), source.getValueSchema());
            default -> new SchemaBuilder(source.getFieldType());
        };
        basics(source, builder);
        optionality(optional, builder);
        if (defaultValue != null) {
            builder.defaultValue(defaultValue);
        }
        return builder;
    }

    /** An empty struct builder with the name, version, doc, parameters and optionality of {@code source}. */
    static SchemaBuilder struct(Schema source) {
        SchemaBuilder builder = SchemaBuilder.struct();
        basics(source, builder);
        return optionality(source.isOptional(), builder);
    }

    /** Copies name, version, doc and parameters: what Kafka's SchemaUtil.copySchemaBasics copies. */
    static SchemaBuilder basics(Schema source, SchemaBuilder target) {
        target.name(source.getName());
        target.version(source.getVersion());
        target.doc(source.getDoc());
        Map<String, String> parameters = source.getParameters();
        if (parameters != null) {
            target.parameters(parameters);
        }
        return target;
    }

    static SchemaBuilder optionality(boolean optional, SchemaBuilder target) {
        return optional ? target.optional() : target.required();
    }

    static boolean isStruct(Schema schema) {
        return schema.getFieldType() == FieldType.STRUCT;
    }
}
