package io.openmessaging.omsconnect.rest.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a request body through and throws {@link BodyTooLargeException} as soon as more than
 * {@code limit} bytes were read, so an upload is refused while streaming, never buffered whole first.
 * {@link #exceeded()} stays true afterwards, whatever the reader did with the exception.
 */
public final class SizeLimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;
    private volatile boolean exceeded;

    public SizeLimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    public boolean exceeded() {
        return exceeded;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false; // a reset would make the count lie
    }

    private void count(long n) throws BodyTooLargeException {
        count += n;
        if (count > limit) {
            exceeded = true;
            throw new BodyTooLargeException(limit);
        }
    }
}
