package io.openmessaging.omsconnect.api.config;

/**
 * A component (connector, transform, predicate, converter) that declares its config keys. The worker shows
 * them at {@code GET /connector-plugins/{plugin}/config} and checks a config against them before the
 * component's own {@code validate}: a bad value is a 400 naming the key, never a task that fails at start.
 * Called on a fresh instance, before {@code start}.
 */
public interface ConfigDeclaring {
    ConfigDef config();
}
