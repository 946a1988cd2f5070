package io.openmessaging.omsconnect.plugin;

/**
 * Makes a plugin's classloader the thread context classloader for the span of a try block, so that
 * plugin code (and the libraries it bundles) that looks up classes through the context loader finds its own.
 */
public final class LoaderSwap implements AutoCloseable {
    private final Thread thread;
    private final ClassLoader previous;

    private LoaderSwap(ClassLoader loader) {
        this.thread = Thread.currentThread();
        this.previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
    }

    public static LoaderSwap to(ClassLoader loader) {
        return new LoaderSwap(loader);
    }

    @Override
    public void close() {
        thread.setContextClassLoader(previous);
    }
}
