package io.openmessaging.omsconnect.cluster;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.omsconnect.herder.ClusterUnavailableException;

import java.util.concurrent.CompletableFuture;

/** A one-member log for unit tests: applies each command to the state at once; can be cut off. */
final class InstantCommandLog implements CommandLog {
    private final ClusterState state;
    private volatile boolean cutOff;
    private volatile boolean leading = true;

    InstantCommandLog(ClusterState state) {
        this.state = state;
    }

    /** While cut off, nothing is committed: submits fail as they do without a leader. */
    void cutOff(boolean cut) {
        this.cutOff = cut;
    }

    @Override
    public synchronized CompletableFuture<JSONObject> submit(JSONObject command) {
        if (cutOff) {
            return CompletableFuture.failedFuture(new IllegalStateException("no leader"));
        }
        byte[] bytes = JSON.toJSONBytes(command);
        return CompletableFuture.completedFuture(JSON.parseObject(state.apply(bytes, 0, bytes.length, true)));
    }

    @Override
    public JSONObject call(JSONObject command) {
        try {
            return submit(command).join();
        } catch (RuntimeException e) {
            throw new ClusterUnavailableException("cut off: " + e.getMessage());
        }
    }

    /** Not leading: the herder's leader rounds do nothing, the test assigns by hand. */
    void leading(boolean leading) {
        this.leading = leading;
    }

    @Override
    public boolean isLeader() {
        return !cutOff && leading;
    }

    @Override
    public String leader() {
        return cutOff ? null : "w1";
    }

    private final java.util.List<String> voters = new java.util.concurrent.CopyOnWriteArrayList<>(java.util.List.of("w1"));

    @Override
    public java.util.List<String> voters() {
        return java.util.List.copyOf(voters);
    }

    @Override
    public java.util.List<String> addVoter(String workerId) {
        if (cutOff) {
            throw new ClusterUnavailableException("cut off: no leader");
        }
        voters.add(workerId);
        return voters();
    }

    @Override
    public java.util.List<String> removeVoter(String workerId) {
        if (cutOff) {
            throw new ClusterUnavailableException("cut off: no leader");
        }
        voters.remove(workerId);
        return voters();
    }

    @Override
    public String describe() {
        return "instant log" + (cutOff ? " (cut off)" : "");
    }
}
