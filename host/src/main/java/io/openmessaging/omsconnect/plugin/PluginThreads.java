package io.openmessaging.omsconnect.plugin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The threads a plugin leaves running when it is unloaded: those whose class, or a class on whose stack, the
 * plugin's loader defined (a thread that runs, or waits in, the plugin's code). Not every thread whose
 * context class loader is the plugin's: a host pool thread started from plugin code inherits that loader
 * and is not the plugin's to stop. Closing the loader under them makes their next class load fail, and while they run
 * the loader cannot be collected: the RocketMQ client's rebalance and Netty threads, still finishing a moment
 * after its access point shut down, died of {@code NoClassDefFoundError}. So before the loader is closed the
 * host waits for them up to a grace period, interrupts those still running, waits a moment more, and names
 * the survivors in a warning (as Tomcat reports the threads a web application failed to stop).
 */
final class PluginThreads {
    private static final Logger log = LoggerFactory.getLogger(PluginThreads.class);

    private final Duration grace;
    private final Duration afterInterrupt;

    PluginThreads(Duration grace, Duration afterInterrupt) {
        this.grace = grace;
        this.afterInterrupt = afterInterrupt;
    }

    /** The live threads running (or waiting in) code of the plugin whose loader is {@code loader}, except the caller. */
    static List<Thread> of(IsolatingClassLoader loader) {
        List<Thread> threads = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            if (thread != Thread.currentThread() && thread.isAlive() && runsPluginCode(thread, entry.getValue(), loader)) {
                threads.add(thread);
            }
        }
        return threads;
    }

    private static boolean runsPluginCode(Thread thread, StackTraceElement[] stack, IsolatingClassLoader loader) {
        if (thread.getClass().getClassLoader() == loader) {
            return true;
        }
        for (StackTraceElement frame : stack) {
            if (loader.defined(frame.getClassName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits for the plugin's threads to end (the grace period), interrupts the ones left and waits a moment
     * more; returns those still running, which are logged.
     */
    List<Thread> awaitEnd(String pluginId, IsolatingClassLoader loader) throws InterruptedException {
        List<Thread> left = endRunning(pluginId, loader);
        warnOfContextLoaderHolders(pluginId, loader, left);
        return left;
    }

    private List<Thread> endRunning(String pluginId, IsolatingClassLoader loader) throws InterruptedException {
        List<Thread> running = of(loader);
        if (running.isEmpty()) {
            return running;
        }
        log.debug("Plugin {}: waiting up to {} ms for its threads {}", pluginId, grace.toMillis(), names(running));
        running = joinAll(running, grace);
        if (running.isEmpty()) {
            return running;
        }
        log.info("Plugin {}: interrupting {} thread(s) still running {} ms after it stopped: {}",
                pluginId, running.size(), grace.toMillis(), names(running));
        running.forEach(Thread::interrupt);
        running = joinAll(running, afterInterrupt);
        if (!running.isEmpty()) {
            log.warn("Plugin {} left {} thread(s) running after it was unloaded: {}. They fail on their next class"
                    + " load and keep its class loader in memory until they end.", pluginId, running.size(), names(running));
        }
        return running;
    }

    /**
     * Threads not in the plugin's code whose context class loader is still the plugin's keep the loader in
     * memory through that field: idle pool threads the plugin started (they inherited it), or host threads
     * started from its code. Neither is the host's to end; they are named so that a leak has a name.
     */
    private static void warnOfContextLoaderHolders(String pluginId, IsolatingClassLoader loader, List<Thread> named) {
        List<Thread> holders = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread != Thread.currentThread() && thread.isAlive() && thread.getContextClassLoader() == loader
                    && !named.contains(thread)) {
                holders.add(thread);
            }
        }
        if (!holders.isEmpty()) {
            log.warn("Plugin {} unloaded, but thread(s) {} still have its class loader as their context class loader,"
                    + " which keeps it in memory while they live.", pluginId, names(holders));
        }
    }

    private static List<Thread> joinAll(List<Thread> threads, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        for (Thread thread : threads) {
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                break;
            }
            thread.join(leftMs);
        }
        List<Thread> alive = new ArrayList<>();
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                alive.add(thread);
            }
        }
        return alive;
    }

    private static List<String> names(List<Thread> threads) {
        return threads.stream().map(Thread::getName).toList();
    }
}
