package io.rmvss.array.daemon;

import io.rmvss.array.StorageArray;
import io.rmvss.array.cci.CciShell;
import io.rmvss.array.shadowimage.PairInfo;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the simulated array on a Unix socket: the CCI commands of bin/cci, the host I/O verbs of
 * {@code rmvss array io}, status and stop. The socket is readable by its owner only, like a command
 * device that only the CCI administrator may open.
 */
public final class ArrayDaemon implements AutoCloseable {
    public static final Set<String> CCI_COMMANDS = Set.of("horcmstart", "horcmshutdown", "pairdisplay", "paircreate",
            "pairsplit", "pairresync", "pairevtwait", "pairvolchk", "raidscan", "inqraid", "raidvchkset", "raidqry");
    static final String STATUS = "rmvss-status";
    static final String STOP = "rmvss-stop";

    private final StorageArray array;
    private final CciShell cci;
    private volatile CommandLatency latency;
    private final Path socket;
    private final HostIoCommands hostIo;
    private final ExecutorService workers;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicInteger threadNumber = new AtomicInteger();
    private ServerSocketChannel server;

    public ArrayDaemon(StorageArray array, CciShell cci, CommandLatency latency, Path socket) {
        this.array = array;
        this.cci = cci;
        this.latency = latency;
        this.socket = socket;
        this.hostIo = new HostIoCommands(array);
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "array-request-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Binds the socket (replacing a stale one left by a killed daemon) and starts accepting. */
    public void start() throws IOException {
        if (Files.exists(socket)) {
            if (ArrayClient.isServing(socket)) {
                throw new IOException("an array daemon already serves " + socket + "; stop it with: rmvss array stop --data "
                        + socket.getParent());
            }
            Files.delete(socket);
        }
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        Thread acceptor = new Thread(this::acceptLoop, "array-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Changes the injected latency of later commands (a benchmark sets up fast, then measures slow). */
    public void setLatency(CommandLatency latency) {
        this.latency = latency;
    }

    public Path socket() {
        return socket;
    }

    /** Blocks until a stop request arrives or {@link #close()} is called. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                workers.execute(() -> serve(client));
            } catch (IOException e) {
                if (server.isOpen()) {
                    System.err.println("array daemon: accept failed: " + e.getMessage());
                }
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client;
             DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(client)));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(client)))) {
            ArrayRequest request = WireFormat.readRequest(in);
            PrintStream stdout = new PrintStream(new FrameOutputStream(out, WireFormat.STDOUT), true, StandardCharsets.UTF_8);
            PrintStream stderr = new PrintStream(new FrameOutputStream(out, WireFormat.STDERR), true, StandardCharsets.UTF_8);
            int exit = dispatch(request, stdout, stderr);
            stdout.flush();
            stderr.flush();
            synchronized (out) {
                WireFormat.writeExit(out, exit);
            }
            if (STOP.equals(request.command())) {
                close();
            }
        } catch (IOException e) {
            // The client went away (Ctrl-C on pairevtwait, a killed test): nothing to answer.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int dispatch(ArrayRequest request, PrintStream out, PrintStream err) throws InterruptedException {
        String command = request.command();
        if (CCI_COMMANDS.contains(command)) {
            Duration delay = latency.of(command);
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            return cci.execute(command, request.args(), request.env(), request.cwd(), request.stdin(), out, err);
        }
        return switch (command) {
            case HostIoCommands.COMMAND -> hostIo.execute(request.args(), request.cwd(), out, err);
            case STATUS -> status(out);
            case STOP -> {
                out.println("array daemon stopping");
                yield 0;
            }
            default -> {
                err.println(command + ": not a command of the simulated array; the CCI commands are " + String.join(", ",
                        CCI_COMMANDS.stream().sorted().toList()));
                yield 127;
            }
        };
    }

    private int status(PrintStream out) {
        array.systems().forEach(s -> out.printf("array %d %s microcode %s%n", s.serial(), s.model(), s.microcode()));
        var pairs = array.shadowImage().pairs();
        out.printf("pairs %d, copying %d%n", pairs.size(), pairs.stream().map(PairInfo::state).filter(st -> st.copying()).count());
        out.println("socket " + socket);
        return 0;
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            System.err.println("array daemon: closing " + socket + ": " + e.getMessage());
        }
        workers.shutdownNow();
        stopped.countDown();
    }
}
