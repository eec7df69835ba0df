package io.rmvss.array.daemon;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Java side of the array daemon's wire format: what {@code rmvss array io|status|stop} and tests use. */
public final class ArrayClient {
    private final Path socket;

    public ArrayClient(Path socket) {
        this.socket = socket;
    }

    /** The socket of the array whose data directory is {@code dataDir}. */
    public static Path socketOf(Path dataDir) {
        return dataDir.resolve("array.sock");
    }

    public static boolean isServing(Path socket) {
        try (SocketChannel ignored = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs one command; its output goes to the given streams; returns its exit code. */
    public int run(String command, List<String> args, Map<String, String> env, Path cwd, OutputStream out, OutputStream err)
            throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            DataOutputStream request = new DataOutputStream(Channels.newOutputStream(channel));
            WireFormat.writeRequest(request, new ArrayRequest(command, args, env, cwd));
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            while (true) {
                byte kind;
                try {
                    kind = in.readByte();
                } catch (EOFException e) {
                    throw new IOException("the array daemon closed the connection before answering " + command);
                }
                byte[] data = in.readNBytes(in.readInt());
                switch (kind) {
                    case WireFormat.STDOUT -> out.write(data);
                    case WireFormat.STDERR -> err.write(data);
                    case WireFormat.EXIT -> {
                        out.flush();
                        err.flush();
                        return ((data[0] & 0xff) << 24) | ((data[1] & 0xff) << 16) | ((data[2] & 0xff) << 8) | (data[3] & 0xff);
                    }
                    default -> throw new IOException("unknown frame kind " + kind + " from the array daemon");
                }
            }
        }
    }

    public int io(List<String> args, Path cwd, OutputStream out, OutputStream err) throws IOException {
        return run(HostIoCommands.COMMAND, args, Map.of(), cwd, out, err);
    }

    public int status(OutputStream out, OutputStream err) throws IOException {
        return run(ArrayDaemon.STATUS, List.of(), Map.of(), Path.of("/"), out, err);
    }

    public int stop(OutputStream out, OutputStream err) throws IOException {
        return run(ArrayDaemon.STOP, List.of(), Map.of(), Path.of("/"), out, err);
    }
}
