package io.openmessaging.omsconnect.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides who owns each unit: balanced (loads differ by at most one) and sticky (a unit keeps its live
 * owner unless balance needs it elsewhere; then as few units move as possible), like Kafka Connect's
 * incremental cooperative assignor. A unit of a connector is preferably moved off the worker that has
 * most of that connector's units, so a connector's tasks spread out. Pure: same input, same answer.
 */
public final class Assignor {
    private Assignor() {
    }

    /**
     * @param wanted  the units to run
     * @param owners  their current owners (a unit may be absent or owned by a worker that left)
     * @param workers the live workers
     * @return the owner changes: unit → new owner (null when no worker is live)
     */
    public static Map<Unit, String> changes(Set<Unit> wanted, Map<Unit, String> owners, Set<String> workers) {
        Map<Unit, String> target = assign(wanted, owners, workers);
        Map<Unit, String> changes = new TreeMap<>();
        target.forEach((unit, owner) -> {
            if (!java.util.Objects.equals(owners.get(unit), owner)) {
                changes.put(unit, owner);
            }
        });
        return changes;
    }

    static Map<Unit, String> assign(Set<Unit> wanted, Map<Unit, String> owners, Set<String> workers) {
        Map<Unit, String> result = new TreeMap<>();
        if (workers.isEmpty()) {
            wanted.forEach(u -> result.put(u, null));
            return result;
        }
        Map<String, List<Unit>> load = new TreeMap<>();
        workers.forEach(w -> load.put(w, new ArrayList<>()));
        List<Unit> orphans = new ArrayList<>();
        for (Unit u : new TreeSet<>(wanted)) {
            String owner = owners.get(u);
            if (owner != null && load.containsKey(owner)) {
                load.get(owner).add(u);
            } else {
                orphans.add(u);
            }
        }
        for (Unit u : orphans) {
            leastLoaded(load, u).add(u);
        }
        // even out: move from the most to the least loaded while they differ by more than one
        while (true) {
            String most = load.keySet().stream().max(Comparator.comparingInt((String w) -> load.get(w).size())
                    .thenComparing(Comparator.reverseOrder())).orElseThrow();
            String least = load.keySet().stream().min(Comparator.comparingInt((String w) -> load.get(w).size())
                    .thenComparing(Comparator.naturalOrder())).orElseThrow();
            if (load.get(most).size() - load.get(least).size() <= 1) {
                break;
            }
            Unit moved = mostCrowded(load.get(most));
            load.get(most).remove(moved);
            load.get(least).add(moved);
        }
        load.forEach((w, units) -> units.forEach(u -> result.put(u, w)));
        return result;
    }

    /** The least loaded worker, preferring one with the fewest units of the same connector. */
    private static List<Unit> leastLoaded(Map<String, List<Unit>> load, Unit u) {
        return load.values().stream().min(Comparator.comparingInt((List<Unit> l) -> l.size())
                .thenComparingLong(l -> l.stream().filter(x -> x.connector().equals(u.connector())).count()))
                .orElseThrow();
    }

    /** Of a worker's units, one of the connector it has most units of (the last such, for determinism). */
    private static Unit mostCrowded(List<Unit> units) {
        Map<String, Integer> perConnector = new HashMap<>();
        units.forEach(u -> perConnector.merge(u.connector(), 1, Integer::sum));
        Unit best = null;
        for (Unit u : new TreeSet<>(units)) {
            if (best == null || perConnector.get(u.connector()) >= perConnector.get(best.connector())) {
                best = u;
            }
        }
        return best;
    }
}
