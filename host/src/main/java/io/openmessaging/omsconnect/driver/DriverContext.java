package io.openmessaging.omsconnect.driver;

/**
 * The driver plugin's classloader as thread context loader around one call into driver code:
 * {@code ClassLoader previous = context.enter(); try { … } finally { context.exit(previous); }}.
 * No allocation, and no swap when the loader is already set.
 */
final class DriverContext {
    private final ClassLoader loader;

    DriverContext(ClassLoader loader) {
        this.loader = loader;
    }

    ClassLoader loader() {
        return loader;
    }

    /** Sets the driver's loader; returns the one to restore with {@link #exit}. */
    ClassLoader enter() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (previous != loader) {
            thread.setContextClassLoader(loader);
        }
        return previous;
    }

    void exit(ClassLoader previous) {
        if (previous != loader) {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
