package io.openmessaging.omsconnect.cluster;

/**
 * A worker that renews its lease through the log.
 *
 * @param id              the worker id (its Raft id)
 * @param restUrl         where its REST API answers
 * @param heartbeatSeq    the worker's heartbeat counter, so that an expiry decided on an old heartbeat is refused
 * @param heartbeatMillis the worker's wall clock at its last heartbeat: shown to users, never used to decide
 */
public record Member(String id, String restUrl, long heartbeatSeq, long heartbeatMillis) {
}
