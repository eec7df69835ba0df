package io.rmvss.array.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The array daemon's wire format, shared with the native front end (control-plane/src/main/c/rmvss-cci.c).
 * Request: u32 count, then count tagged strings (u32 length + UTF-8): {@code n:} command,
 * {@code a:} argument, {@code e:} NAME=value, {@code c:} working directory, {@code i:} piped-in text.
 * Response: frames of (u8 kind, u32 length, bytes): '1' stdout, '2' stderr, 'x' exit code (4 bytes).
 */
public final class WireFormat {
    public static final byte STDOUT = '1';
    public static final byte STDERR = '2';
    public static final byte EXIT = 'x';
    /** Bounds a request so a broken or hostile client cannot make the daemon allocate without limit. */
    private static final int MAX_STRINGS = 4096;
    private static final int MAX_STRING_BYTES = 1 << 20;

    private WireFormat() {
    }

    public static ArrayRequest readRequest(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 1 || count > MAX_STRINGS) {
            throw new IOException("bad request: " + count + " fields");
        }
        String command = null;
        List<String> args = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        Path cwd = Path.of("/");
        String stdin = "";
        for (int i = 0; i < count; i++) {
            int length = in.readInt();
            if (length < 2 || length > MAX_STRING_BYTES) {
                throw new IOException("bad request: field of " + length + " bytes");
            }
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw new EOFException("request truncated");
            }
            String field = new String(bytes, 2, length - 2, StandardCharsets.UTF_8);
            switch (bytes[0]) {
                case 'n' -> command = field;
                case 'a' -> args.add(field);
                case 'e' -> {
                    int eq = field.indexOf('=');
                    if (eq > 0) {
                        env.put(field.substring(0, eq), field.substring(eq + 1));
                    }
                }
                case 'c' -> cwd = Path.of(field);
                case 'i' -> stdin = field;
                default -> throw new IOException("bad request: unknown field tag " + (char) bytes[0]);
            }
        }
        if (command == null) {
            throw new IOException("bad request: no command");
        }
        return new ArrayRequest(command, List.copyOf(args), Map.copyOf(env), cwd, stdin);
    }

    public static void writeRequest(DataOutputStream out, ArrayRequest request) throws IOException {
        List<String> fields = new ArrayList<>();
        fields.add("n:" + request.command());
        request.args().forEach(a -> fields.add("a:" + a));
        request.env().forEach((k, v) -> fields.add("e:" + k + "=" + v));
        fields.add("c:" + request.cwd());
        if (!request.stdin().isEmpty()) {
            fields.add("i:" + request.stdin());
        }
        out.writeInt(fields.size());
        for (String field : fields) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        out.flush();
    }

    public static void writeFrame(DataOutputStream out, byte kind, byte[] data, int offset, int length) throws IOException {
        out.writeByte(kind);
        out.writeInt(length);
        out.write(data, offset, length);
    }

    public static void writeExit(DataOutputStream out, int exitCode) throws IOException {
        out.writeByte(EXIT);
        out.writeInt(4);
        out.writeInt(exitCode);
        out.flush();
    }
}
