package io.openmessaging.omsconnect.herder;

/** The cluster cannot take the request now (no leader, or not committed in time): try again (HTTP 503). */
public final class ClusterUnavailableException extends HerderException {
    public ClusterUnavailableException(String message) {
        super(message);
    }
}
