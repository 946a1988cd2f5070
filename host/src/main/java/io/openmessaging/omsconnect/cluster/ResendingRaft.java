package io.openmessaging.omsconnect.cluster;

import org.jgroups.Address;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.raft.RAFT;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * jgroups-raft's RAFT, resending missing entries to a follower that is stuck behind, even while busy.
 * Stock RAFT resends only when its request queue stayed empty for a whole {@code resend_interval}; a
 * cluster's steady heartbeats and their acknowledgements never leave it that idle, so a restarted or
 * late-joining worker never caught up (seen on 1.1.4: a follower stuck at its last entry before a restart
 * while the others went on). Here, every {@code resend_interval}, a follower that is behind and whose
 * acknowledged index did not move since the last look, or that is far behind (catching up), gets the
 * entries from the one it lacks, in bounded batches: what stock RAFT would send it when idle, and nothing
 * to followers that keep up. It runs on
 * RAFT's own queue thread, like the stock resend: the log is not safe to read from another thread.
 */
public class ResendingRaft extends RAFT {
    private static final int MAX_BATCH = 500;
    /** A follower this far behind is catching up: it gets the next batch at every look. */
    private static final int FAR_BEHIND = 100;
    private long lastLook = System.nanoTime();
    private final Map<Address, Long> matchAtLastLook = new HashMap<>();

    public ResendingRaft() {
        // the same protocol id as RAFT: its headers are RAFT's on the wire
        setId(ClassConfigurator.getProtocolId(RAFT.class));
    }

    @Override
    protected void processQueue() {
        long now = System.nanoTime();
        if (now - lastLook > TimeUnit.MILLISECONDS.toNanos(resendInterval())) {
            lastLook = now;
            resendToStuckFollowers();
        }
        super.processQueue();
    }

    private void resendToStuckFollowers() {
        if (commit_table == null || !isLeader()) {
            matchAtLastLook.clear();
            return;
        }
        long last = lastAppended();
        Map<Address, Long> seen = new HashMap<>();
        commit_table.forEach((member, entry) -> {
            long match = entry.matchIndex();
            seen.put(member, match);
            Long before = matchAtLastLook.get(member);
            boolean farBehind = last - match > FAR_BEHIND;
            if (match >= last || (!farBehind && (before == null || before != match))) {
                return; // up to date, or close behind and moving (entries in flight)
            }
            long from = Math.max(1, entry.nextIndex());
            if (from < log().firstAppended() || from > last) {
                sendAppendEntriesMessage(member, entry); // stock handling: a snapshot, or a commit notice
            } else {
                resend(member, from, Math.min(last, from + MAX_BATCH - 1));
            }
        });
        matchAtLastLook.clear();
        matchAtLastLook.putAll(seen);
    }
}
