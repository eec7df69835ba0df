package io.rmvss.control.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real memory shortage for one running process: its soft address-space limit (RLIMIT_AS) lowered with util-linux
 * {@code prlimit} to the address space it has mapped now, so what it already holds keeps working and every new mapping (a
 * thread stack, posix_spawn's child stack, a new malloc arena) fails with ENOMEM. {@link #close()} lifts the limit again.
 */
final class AddressSpaceLimit implements AutoCloseable {
    private final long pid;

    private AddressSpaceLimit(long pid) {
        this.pid = pid;
    }

    static AddressSpaceLimit atCurrentSize(long pid) throws IOException, InterruptedException {
        AddressSpaceLimit limit = new AddressSpaceLimit(pid);
        limit.prlimit(Long.toString(vmSize(pid)));
        return limit;
    }

    /** The process's mapped address space in bytes (VmSize in /proc/PID/status). */
    static long vmSize(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmSize:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("/proc/" + pid + "/status has no VmSize: is process " + pid + " still running?");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        prlimit("unlimited");
    }

    /** Sets the soft limit only ("N:"), so it can be raised again without privileges. */
    private void prlimit(String soft) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("prlimit", "--pid", Long.toString(pid), "--as=" + soft + ":").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("prlimit could not be run (" + e.getMessage() + "): install util-linux", e);
        }
        String said = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("prlimit --pid " + pid + " --as=" + soft + ": failed: " + said);
        }
    }
}
