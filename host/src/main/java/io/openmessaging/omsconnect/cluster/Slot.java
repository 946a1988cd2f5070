package io.openmessaging.omsconnect.cluster;

/**
 * Who a unit is assigned to and who runs it. The two differ while a unit moves: the leader names the new
 * {@code owner}, but the owner may start it only once it {@code holder}s it, and the state machine lets it
 * hold the unit only after the previous holder released it or its lease ran out. That is what keeps a task
 * from running on two workers at once.
 *
 * @param owner    the worker the leader assigned it to; null while unassigned
 * @param holder   the worker that claimed it to run it; null when nobody runs it
 * @param restarts bumped by every restart request: the holder restarts the unit when it changes
 */
public record Slot(String owner, String holder, int restarts) {
    static final Slot EMPTY = new Slot(null, null, 0);

    Slot withOwner(String worker) {
        return new Slot(worker, holder, restarts);
    }

    Slot withHolder(String worker) {
        return new Slot(owner, worker, restarts);
    }

    Slot restarted() {
        return new Slot(owner, holder, restarts + 1);
    }
}
