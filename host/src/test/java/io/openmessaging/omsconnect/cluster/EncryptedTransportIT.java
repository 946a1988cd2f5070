package io.openmessaging.omsconnect.cluster;

import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.herder.ClusterUnavailableException;
import io.openmessaging.omsconnect.it.TestWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code clusterSecret}: Raft members in this JVM on loopback, their transport encrypted with the key derived from
 * it. Members with the secret form the cluster and replicate; a process with another secret (or none) is
 * never let in: it applies nothing and nothing it sends is applied.
 */
class EncryptedTransportIT {
    private static final Duration UP = Duration.ofSeconds(30);
    @TempDir
    Path dir;
    private final LocalRaftMembers members = new LocalRaftMembers(3000);
    private final String clusterName = "secret-it-" + System.nanoTime();

    @AfterEach
    void closeNodes() {
        members.close();
    }

    @Test
    void membersWithTheSecretReplicateAndAWorkerWithAnotherSecretIsKeptOut() throws Exception {
        List<ClusterConfig.Address> voters = LocalRaftMembers.addresses("v1", "v2");
        List<ClusterConfig.Address> learners = LocalRaftMembers.addresses("l1", "l2");
        ClusterState s1 = new ClusterState(System::nanoTime);
        ClusterState s2 = new ClusterState(System::nanoTime);
        RaftNode v1 = members.start(config(voters, voters.get(0), "the secret"), s1);
        RaftNode v2 = members.start(config(voters, voters.get(1), "the secret"), s2);
        TestWorker.await("a leader among the members with the secret", UP, () -> v1.leader() != null);
        v1.call(Commands.putConnector(LocalRaftMembers.connector("before"), true));
        TestWorker.await("the connector on both members", UP, () -> s2.connector("before").isPresent());

        // an outsider knocks on the running cluster; its start waits out its join attempts (about 10 s), so it runs
        // beside the learner's part of the test
        ClusterState outsiderState = new ClusterState(System::nanoTime);
        CompletableFuture<RaftNode> outsiderStarted = CompletableFuture.supplyAsync(() -> {
            try {
                return members.start(config(voters, learners.get(0), "another secret"), outsiderState);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // a non-voting member with the secret reads the log and writes through it
        ClusterState learnerState = new ClusterState(System::nanoTime);
        RaftNode learner = members.start(config(voters, learners.get(1), "the secret"), learnerState);
        learner.call(Commands.putConnector(LocalRaftMembers.connector("via-learner"), true));
        TestWorker.await("the learner's write on a voter", UP, () -> s1.connector("via-learner").isPresent());
        assertTrue(learnerState.connector("before").isPresent(), "the learner did not read what was there before");

        RaftNode outsider = outsiderStarted.get(60, TimeUnit.SECONDS);
        // what the outsider sends is never applied, by it or by the members
        assertThrows(ClusterUnavailableException.class,
                () -> outsider.call(Commands.putConnector(LocalRaftMembers.connector("from-outsider"), true)));
        v2.call(Commands.putConnector(LocalRaftMembers.connector("after"), true));
        TestWorker.await("the members apply on", UP, () -> s1.connector("after").isPresent());
        for (ClusterState member : List.of(s1, s2, learnerState)) {
            assertFalse(member.connector("from-outsider").isPresent(), "a command of a worker without the secret was applied");
        }
        assertTrue(outsiderState.connectors().isEmpty(), "a worker without the secret read the log: "
                + outsiderState.connectors());
        assertEquals(null, outsider.leader(), "a worker without the secret found the leader");
    }

    @Test
    void aTransportBeyondLoopbackNeedsTheSecret() {
        Properties p = new Properties();
        p.setProperty("workerId", "w1");
        p.setProperty("mode", "distributed");
        p.setProperty("clusterMembers", "w1@10.1.2.3:7800,w2@10.1.2.4:7800");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterConfig.from(WorkerConfig.from(p, dir)));
        assertTrue(e.getMessage().contains("clusterSecret"), e.getMessage());

        p.setProperty("clusterSecret", "correct horse battery staple");
        ClusterConfig withSecret = ClusterConfig.from(WorkerConfig.from(p, dir));
        assertTrue(withSecret.transportKey() != null);
        assertFalse(withSecret.toString().contains("horse"), withSecret.toString());
        assertTrue(withSecret.toString().contains("encrypted"), withSecret.toString());

        p.remove("clusterSecret");
        p.setProperty("clusterMembers", "w1@127.0.0.1:7800,w2@127.0.0.1:7801");
        assertEquals(null, ClusterConfig.from(WorkerConfig.from(p, dir)).transportKey(), "loopback may stay plaintext");
    }


    private ClusterConfig config(List<ClusterConfig.Address> voters, ClusterConfig.Address me, String secret) {
        return new ClusterConfig(clusterName, me.id(), voters, me, null, 2000, dir.resolve("raft-" + me.id()),
                TransportKey.derive(secret, clusterName));
    }


}
