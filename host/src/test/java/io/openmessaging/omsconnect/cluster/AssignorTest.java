package io.openmessaging.omsconnect.cluster;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssignorTest {

    private static Set<Unit> units(String connector, int tasks) {
        Set<Unit> out = new TreeSet<>();
        out.add(Unit.instance(connector));
        for (int i = 0; i < tasks; i++) {
            out.add(new Unit(connector, i));
        }
        return out;
    }

    private static Map<String, Long> loads(Map<Unit, String> owners) {
        return owners.values().stream().collect(Collectors.groupingBy(w -> w, TreeMap::new, Collectors.counting()));
    }

    private static Map<Unit, String> apply(Map<Unit, String> owners, Map<Unit, String> changes) {
        Map<Unit, String> next = new HashMap<>(owners);
        next.putAll(changes);
        return next;
    }

    @Test
    void spreadsUnitsEvenlyOverLiveWorkers() {
        Set<Unit> wanted = new TreeSet<>(units("a", 4));
        wanted.addAll(units("b", 3));
        Map<Unit, String> owners = Assignor.changes(wanted, Map.of(), Set.of("w1", "w2", "w3"));
        assertEquals(wanted, owners.keySet());
        Map<String, Long> loads = loads(owners);
        assertEquals(Set.of("w1", "w2", "w3"), loads.keySet());
        long max = loads.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long min = loads.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        assertTrue(max - min <= 1, "loads " + loads);
        // a connector's tasks land on different workers while there are workers to spare
        Set<String> ofA = new TreeSet<>();
        for (int i = 0; i < 3; i++) {
            ofA.add(owners.get(new Unit("a", i)));
        }
        assertEquals(3, ofA.size(), "tasks of a: " + owners);
    }

    @Test
    void aBalancedAssignmentIsLeftAlone() {
        Set<Unit> wanted = units("a", 5);
        Map<Unit, String> owners = Assignor.changes(wanted, Map.of(), Set.of("w1", "w2"));
        assertEquals(Map.of(), Assignor.changes(wanted, owners, Set.of("w1", "w2")));
    }

    @Test
    void onlyTheLostWorkersUnitsMove() {
        Set<Unit> wanted = units("a", 8);
        Map<Unit, String> owners = Assignor.changes(wanted, Map.of(), Set.of("w1", "w2", "w3"));
        Map<Unit, String> changes = Assignor.changes(wanted, owners, Set.of("w1", "w2"));
        for (Map.Entry<Unit, String> e : changes.entrySet()) {
            assertEquals("w3", owners.get(e.getKey()), "moved a unit of a live worker: " + e.getKey());
        }
        Map<Unit, String> after = apply(owners, changes);
        assertEquals(Set.of("w1", "w2"), loads(after).keySet());
        assertEquals(List.of(5L, 4L), List.copyOf(loads(after).values()).stream().sorted((x, y) -> Long.compare(y, x)).toList());
    }

    @Test
    void aJoiningWorkerTakesAShareAndNoMore() {
        Set<Unit> wanted = new TreeSet<>();
        for (int c = 0; c < 10; c++) {
            wanted.addAll(units("c" + c, 2));
        }
        Map<Unit, String> owners = Assignor.changes(wanted, Map.of(), Set.of("w1", "w2", "w3"));
        Map<Unit, String> changes = Assignor.changes(wanted, owners, Set.of("w1", "w2", "w3", "w4"));
        // 30 units over 4 workers: the newcomer gets 7 or 8, and only those move
        assertTrue(changes.size() == 7 || changes.size() == 8, "moves: " + changes.size());
        assertTrue(changes.values().stream().allMatch("w4"::equals), "only moves to the newcomer: " + changes);
    }

    @Test
    void withNoLiveWorkerEveryUnitIsUnassigned() {
        Set<Unit> wanted = units("a", 1);
        Map<Unit, String> changes = Assignor.changes(wanted, Map.of(Unit.instance("a"), "w1"), Set.of());
        assertTrue(changes.containsKey(Unit.instance("a")));
        assertNull(changes.get(Unit.instance("a")));
        assertNull(changes.get(new Unit("a", 0)));
    }

    @Test
    void isDeterministic() {
        Set<Unit> wanted = new TreeSet<>(units("x", 7));
        wanted.addAll(units("y", 2));
        Map<Unit, String> first = Assignor.changes(wanted, Map.of(), Set.of("b", "a", "c"));
        for (int i = 0; i < 5; i++) {
            assertEquals(first, Assignor.changes(wanted, Map.of(), new TreeSet<>(List.of("c", "a", "b"))));
        }
    }
}
