package io.openmessaging.omsconnect.cluster;

import org.jgroups.Address;
import org.jgroups.ObjectMessage;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.raft.AppendEntriesRequest;
import org.jgroups.protocols.raft.RAFT;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * jgroups-raft's RAFT with two fixes for a busy cluster. First, it resends missing entries to a follower
 * that is stuck behind, even while busy.
 * Stock RAFT resends only when its request queue stayed empty for a whole {@code resend_interval}; a
 * cluster's steady heartbeats and their acknowledgements never leave it that idle, so a restarted or
 * late-joining worker never caught up (seen on 1.1.4: a follower stuck at its last entry before a restart
 * while the others went on). Here, every {@code resend_interval}, a follower that is behind and whose
 * acknowledged index did not move since the last look, or that is far behind (catching up), gets the
 * entries from the one it lacks, in bounded batches: what stock RAFT would send it when idle, and nothing
 * to followers that keep up. Second, it tells followers of commits at once, but safely (see
 * {@link #notifyVerifiedCommits}). Both run on
 * RAFT's own queue thread, like the stock resend: the log is not safe to read from another thread.
 */
public class ResendingRaft extends RAFT {
    private static final int MAX_BATCH = 500;
    /** A follower this far behind is catching up: it gets the next batch at every look. */
    private static final int FAR_BEHIND = 100;
    private long lastLook = System.nanoTime();
    private final Map<Address, Long> matchAtLastLook = new HashMap<>();
    private final Map<Address, Long> commitSent = new HashMap<>();

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
        notifyVerifiedCommits();
        super.processQueue();
    }

    /**
     * Tells followers of the new commit index at once, but only those whose log the leader verified up to
     * it. Stock RAFT's {@code send_commits_immediately} tells every follower, and a follower commits
     * whatever it holds up to that index, even entries of a deposed leader's term that the new leader
     * never had: under elections (startup, kill -9) that made followers commit divergent entries and stop
     * replicating ("cannot delete entries <= N as commit_index is higher"). Left to the stock path, a
     * follower learns commits only with the next entries, which delays writes answered through it.
     */
    private void notifyVerifiedCommits() {
        if (commit_table == null || !isLeader()) {
            commitSent.clear();
            return;
        }
        long commit = commitIndex();
        long term = currentTerm();
        commit_table.forEach((member, entry) -> {
            if (entry.matchIndex() >= commit && entry.commitIndex() < commit
                    && commitSent.getOrDefault(member, 0L) < commit) {
                commitSent.put(member, commit);
                down_prot.down(new ObjectMessage(member, null)
                        .putHeader(id, new AppendEntriesRequest(local_addr, term, 0, 0, term, commit)));
            }
        });
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
