package io.rmvss.array.daemon;

import io.rmvss.array.ArrayException;
import io.rmvss.array.LdevId;
import io.rmvss.array.StorageArray;
import io.rmvss.array.host.HostDisk;
import io.rmvss.array.storage.HostIo;
import io.rmvss.array.storage.Ldev;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The host's I/O path as commands ({@code rmvss array io read|write|fill|sum}), so a user or a
 * test can put data on a P-VOL and prove what a shadow copy holds. A device is a host disk
 * ({@code Harddisk1}, {@code \\.\PhysicalDrive1}, {@code E:}) or an LDEV as {@code SERIAL:LDEV}.
 */
final class HostIoCommands {
    static final String COMMAND = "rmvss-io";
    private static final int CHUNK = HostIo.TRACK_SIZE;

    private final StorageArray array;

    HostIoCommands(StorageArray array) {
        this.array = array;
    }

    int execute(List<String> args, Path cwd, PrintStream out, PrintStream err) {
        if (args.size() < 2) {
            err.println("usage: rmvss array io read DEV OFFSET LENGTH [--out FILE] | write DEV OFFSET (--text TEXT | --file FILE)"
                    + " | fill DEV OFFSET LENGTH [--seed N] | sum DEV [OFFSET LENGTH]");
            return 2;
        }
        try {
            Ldev ldev = resolve(args.get(1));
            return switch (args.get(0)) {
                case "read" -> read(ldev, args, cwd, out);
                case "write" -> write(ldev, args, cwd, out);
                case "fill" -> fill(ldev, args, out);
                case "sum" -> sum(ldev, args, out);
                default -> {
                    err.println("rmvss array io: unknown verb '" + args.get(0) + "'; use read, write, fill or sum");
                    yield 2;
                }
            };
        } catch (ArrayException e) {
            err.println("rmvss array io: [" + e.error().name() + "] " + e.error().text() + ": " + e.detail());
            return e.error().exitCode();
        } catch (IllegalArgumentException | IOException e) {
            err.println("rmvss array io: " + e.getMessage());
            return 2;
        }
    }

    private Ldev resolve(String device) throws ArrayException {
        int colon = device.indexOf(':');
        if (colon > 0 && colon < device.length() - 1 && device.chars().allMatch(c -> Character.isDigit(c) || c == ':')) {
            LdevId id = new LdevId(Integer.parseInt(device.substring(0, colon)), Integer.parseInt(device.substring(colon + 1)));
            return array.ldev(id).orElseThrow(() -> new ArrayException(io.rmvss.array.CciError.EX_ENLDEV,
                    "LDEV " + id.ldev() + " does not exist on array " + id.serial() + "; list LDEVs with inqraid or raidscan"));
        }
        HostDisk disk = array.hostDisk(device).orElseThrow(() -> new IllegalArgumentException(
                "no host disk '" + device + "' (hidden or not mapped?); name one as Harddisk1, \\\\.\\PhysicalDrive1, E: or SERIAL:LDEV"));
        LdevId id = disk.ldev().orElseThrow(() -> new IllegalArgumentException(
                device + " is a local disk, not a LUN of the simulated array"));
        return array.ldev(id).orElseThrow();
    }

    private static long number(List<String> args, int index, String what) {
        if (args.size() <= index) {
            throw new IllegalArgumentException("missing " + what);
        }
        String s = args.get(index);
        long multiplier = 1;
        if (s.endsWith("KiB") || s.endsWith("MiB") || s.endsWith("GiB")) {
            multiplier = s.endsWith("KiB") ? 1L << 10 : s.endsWith("MiB") ? 1L << 20 : 1L << 30;
            s = s.substring(0, s.length() - 3);
        }
        try {
            return Long.parseLong(s) * multiplier;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + args.get(index) + "' is not a number (bytes, or with KiB/MiB/GiB)");
        }
    }

    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0) {
            return null;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args.get(i + 1);
    }

    private static void checkRange(Ldev ldev, long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > ldev.sizeBytes()) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " lies outside LDEV "
                    + ldev.id().ldev() + " (" + ldev.sizeBytes() + " bytes)");
        }
    }

    private int read(Ldev ldev, List<String> args, Path cwd, PrintStream out) throws ArrayException, IOException {
        long offset = number(args, 2, "OFFSET");
        long length = number(args, 3, "LENGTH");
        checkRange(ldev, offset, length);
        String file = option(args, "--out");
        try (OutputStream sink = file == null ? null : Files.newOutputStream(cwd.resolve(file))) {
            byte[] buffer = new byte[CHUNK];
            for (long done = 0; done < length; ) {
                int n = (int) Math.min(CHUNK, length - done);
                array.io().read(ldev.id(), offset + done, buffer, 0, n);
                if (sink != null) {
                    sink.write(buffer, 0, n);
                } else {
                    hexDump(out, offset + done, buffer, n);
                }
                done += n;
            }
        }
        return 0;
    }

    private static void hexDump(PrintStream out, long base, byte[] data, int length) {
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < length; i += 16) {
            int n = Math.min(16, length - i);
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < n; j++) {
                char c = (char) (data[i + j] & 0xff);
                text.append(c >= 32 && c < 127 ? c : '.');
            }
            out.printf("%012x  %-47s  %s%n", base + i, hex.withDelimiter(" ").formatHex(data, i, i + n), text);
        }
    }

    private int write(Ldev ldev, List<String> args, Path cwd, PrintStream out) throws ArrayException, IOException {
        long offset = number(args, 2, "OFFSET");
        String text = option(args, "--text");
        String file = option(args, "--file");
        if ((text == null) == (file == null)) {
            throw new IllegalArgumentException("write needs exactly one of --text TEXT or --file FILE");
        }
        byte[] data = text != null ? text.getBytes(java.nio.charset.StandardCharsets.UTF_8) : Files.readAllBytes(cwd.resolve(file));
        checkRange(ldev, offset, data.length);
        for (int done = 0; done < data.length; ) {
            int n = Math.min(CHUNK, data.length - done);
            array.io().write(ldev.id(), offset + done, data, done, n);
            done += n;
        }
        out.println("wrote " + data.length + " bytes at " + offset + " of LDEV " + ldev.id().ldev());
        return 0;
    }

    /** Deterministic data from a seed, so two runs (or a test and the CLI) write the same bytes. */
    private int fill(Ldev ldev, List<String> args, PrintStream out) throws ArrayException {
        long offset = number(args, 2, "OFFSET");
        long length = number(args, 3, "LENGTH");
        String seedText = option(args, "--seed");
        checkRange(ldev, offset, length);
        SplittableRandom random = new SplittableRandom(seedText == null ? 1 : Long.parseLong(seedText));
        MessageDigest digest = sha256();
        byte[] buffer = new byte[CHUNK];
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(CHUNK, length - done);
            for (int i = 0; i < n; i += 8) {
                long v = random.nextLong();
                for (int j = 0; j < 8 && i + j < n; j++) {
                    buffer[i + j] = (byte) (v >>> (8 * j));
                }
            }
            array.io().write(ldev.id(), offset + done, buffer, 0, n);
            digest.update(buffer, 0, n);
            done += n;
        }
        out.println(HexFormat.of().formatHex(digest.digest()) + "  " + length + " bytes at " + offset + " of LDEV " + ldev.id().ldev());
        return 0;
    }

    private int sum(Ldev ldev, List<String> args, PrintStream out) throws ArrayException {
        long offset = args.size() > 2 ? number(args, 2, "OFFSET") : 0;
        long length = args.size() > 3 ? number(args, 3, "LENGTH") : ldev.sizeBytes() - offset;
        checkRange(ldev, offset, length);
        MessageDigest digest = sha256();
        byte[] buffer = new byte[CHUNK];
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(CHUNK, length - done);
            array.io().read(ldev.id(), offset + done, buffer, 0, n);
            digest.update(buffer, 0, n);
            done += n;
        }
        out.println(HexFormat.of().formatHex(digest.digest()) + "  " + length + " bytes at " + offset + " of LDEV " + ldev.id().ldev());
        return 0;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
