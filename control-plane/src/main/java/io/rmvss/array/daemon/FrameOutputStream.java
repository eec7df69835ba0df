package io.rmvss.array.daemon;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Carries a command's stdout or stderr to the client as frames. Flushed on every line so a
 * long-running command (pairevtwait, a copy in progress) shows output as it happens.
 * Both streams of one request share the connection, so writes are serialised on it.
 */
final class FrameOutputStream extends OutputStream {
    private final DataOutputStream connection;
    private final byte kind;

    FrameOutputStream(DataOutputStream connection, byte kind) {
        this.connection = connection;
        this.kind = kind;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        synchronized (connection) {
            WireFormat.writeFrame(connection, kind, b, off, len);
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (connection) {
            connection.flush();
        }
    }
}
