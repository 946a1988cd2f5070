package io.openmessaging.local.store;

/** Told when an asynchronously appended record has been written to the OS, or could not be. */
public interface WriteListener {

    /** A listener for fire-and-forget appends. */
    WriteListener NONE = new WriteListener() {
        @Override
        public void written(long offset) {
        }

        @Override
        public void failed(Throwable cause) {
        }
    };

    void written(long offset);

    void failed(Throwable cause);
}
