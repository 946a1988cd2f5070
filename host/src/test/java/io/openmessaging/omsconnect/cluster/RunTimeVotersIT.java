package io.openmessaging.omsconnect.cluster;

import io.openmessaging.omsconnect.it.TestWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Voting membership at run time (jgroups-raft's addServer/removeServer through our {@link RaftNode}): the way to
 * replace a voting member whose machine is gone without restarting the others. Raft members in this JVM on loopback.
 */
class RunTimeVotersIT {
    private static final Duration UP = Duration.ofSeconds(30);
    @TempDir
    Path dir;
    private final LocalRaftMembers members = new LocalRaftMembers(10000);
    private final String clusterName = "voters-it-" + System.nanoTime();

    @AfterEach
    void closeNodes() {
        members.close();
    }

    @Test
    void aNonVotingMemberMadeAVoterReplacesADeadVoterAndStaysOneAfterARestart() throws Exception {
        List<ClusterConfig.Address> voters = LocalRaftMembers.addresses("v1", "v2");
        ClusterConfig.Address spare = LocalRaftMembers.addresses("l1").get(0);
        ClusterState s1 = new ClusterState(System::nanoTime);
        RaftNode v1 = members.start(config(voters, voters.get(0)), s1);
        RaftNode v2 = members.start(config(voters, voters.get(1)), new ClusterState(System::nanoTime));
        ClusterState spareState = new ClusterState(System::nanoTime);
        RaftNode l1 = members.start(config(voters, spare), spareState);
        TestWorker.await("a leader", UP, () -> v1.leader() != null);

        v1.addVoter("l1");
        for (RaftNode node : List.of(v1, v2, l1)) {
            TestWorker.await("l1 a voter on every member", UP, () -> Set.copyOf(node.voters()).equals(Set.of("v1", "v2", "l1")));
        }

        // v2's machine is gone: v1 and l1 are a majority of {v1, v2, l1}, the cluster takes changes on
        v2.close();
        v1.submit(Commands.putConnector(LocalRaftMembers.connector("after-v2"), true)).get(20, TimeUnit.SECONDS);
        TestWorker.await("the change on l1", UP, () -> spareState.connector("after-v2").isPresent());
        v1.removeVoter("v2");
        TestWorker.await("v2 out of the voters", UP, () -> Set.copyOf(v1.voters()).equals(Set.of("v1", "l1")));

        // l1 restarts with its config unchanged (clusterMembers still v1, v2): its log says it votes
        l1.close();
        ClusterState restartedState = new ClusterState(System::nanoTime);
        RaftNode restarted = members.start(config(voters, spare), restartedState);
        TestWorker.await("l1 back, voting", UP, () -> Set.copyOf(restarted.voters()).equals(Set.of("v1", "l1")));
        TestWorker.await("l1's state replayed", UP, () -> restartedState.connector("after-v2").isPresent());
        v1.submit(Commands.putConnector(LocalRaftMembers.connector("after-restart"), true)).get(20, TimeUnit.SECONDS);
        TestWorker.await("a change committed by v1 and the restarted l1", UP,
                () -> restartedState.connector("after-restart").isPresent());
        assertEquals(Set.of("v1", "l1"), Set.copyOf(restarted.voters()));
    }


    private ClusterConfig config(List<ClusterConfig.Address> voters, ClusterConfig.Address me) {
        return new ClusterConfig(clusterName, me.id(), voters, me, null, 2000, dir.resolve("raft-" + me.id()), null);
    }


}
