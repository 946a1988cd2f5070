package io.openmessaging.omsconnect.rest.http;

/**
 * One route's work: parse the call, ask the herder, answer. Runs on a worker thread (blocking allowed);
 * throws typed exceptions, which {@link ErrorMapper} turns into JSON errors.
 */
@FunctionalInterface
public interface Endpoint {
    Reply handle(Call call) throws Exception;
}
