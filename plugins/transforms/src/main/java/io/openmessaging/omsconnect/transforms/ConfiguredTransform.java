package io.openmessaging.omsconnect.transforms;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.component.Transform;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.api.config.ConfigDeclaring;
import io.openmessaging.omsconnect.api.config.ConfigException;
import io.openmessaging.omsconnect.api.config.ParsedConfig;

/**
 * A transform whose config is read once into immutable settings: {@code validate} reads and checks it,
 * {@code start} keeps what it read, {@code doTransform} applies the settings to one record. A transform runs
 * on its task's thread only.
 *
 * @param <S> the settings the config is read into
 */
public abstract class ConfiguredTransform<S> implements Transform<ConnectRecord>, ConfigDeclaring {
    private boolean started;
    private S settings;

    /**
     * The settings {@code config} stands for.
     *
     * @throws ConfigException naming the key, for problems between keys that their definitions cannot see
     */
    protected abstract S settings(ParsedConfig config);

    /** The record transformed: a new record (never the input changed), or null to drop it. */
    protected abstract ConnectRecord apply(ConnectRecord record, S settings);

    @Override
    public final void validate(KeyValue config) {
        settings(ComponentConfig.parse(config(), config));
    }

    @Override
    public final void start(KeyValue config) {
        settings = settings(ComponentConfig.parse(config(), config));
        started = true;
    }

    @Override
    public void stop() {
        started = false;
    }

    @Override
    public final ConnectRecord doTransform(ConnectRecord record) {
        if (!started) {
            throw new IllegalStateException(name() + " transforms records only between start and stop");
        }
        try {
            return apply(record, settings);
        } catch (TransformFailure e) {
            throw e;
        } catch (ConnectException e) {
            // the data API's own checks (a null in a required field ...) do not say which transform ran into them
            throw new TransformFailure(name(), e.getMessage(), e);
        }
    }

    /** How errors name this transform: its class name without the package, e.g. {@code InsertField$Value}. */
    protected final String name() {
        String full = getClass().getName();
        return full.substring(full.lastIndexOf('.') + 1);
    }
}
