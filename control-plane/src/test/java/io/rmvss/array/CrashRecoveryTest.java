package io.rmvss.array;

import static io.rmvss.array.CrashWorkload.P;
import static io.rmvss.array.CrashWorkload.S;
import static io.rmvss.array.CrashWorkload.VOLUME;
import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.array.shadowimage.PairInfo;
import io.rmvss.array.shadowimage.PairState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments: a child JVM ({@link CrashWorkload}) writes, creates, splits and
 * resyncs, acknowledging each operation; after {@code destroyForcibly()} the array is opened again
 * and every acknowledged write and state change must be there, the copy must resume and finish,
 * and a split pair's S-VOL must hold the point-in-time image plus its own acknowledged writes.
 * Runs on the real disk (not tmpfs), since durability is what it tests.
 */
class CrashRecoveryTest {
    private static final int ROUNDS = 10;

    @TempDir
    Path dir;

    @Test
    void acknowledgedWritesAndStateChangesSurviveKillDashNine() throws Exception {
        Random random = new Random(20261125L);
        for (int round = 0; round < ROUNDS; round++) {
            Path arrayDir = dir.resolve("round" + round);
            long childSeed = random.nextLong();
            int killAfterAcks = 10 + random.nextInt(250);
            Model model = runAndKill(arrayDir, childSeed, killAfterAcks);
            verify(arrayDir, model, "round " + round + " (child seed " + childSeed + ", killed after " + model.acks + " acks)");
        }
    }

    /** What the acknowledged operations imply, plus the one operation that may have been in flight. */
    static final class Model {
        final byte[] pvol = new byte[VOLUME];
        byte[] svol;          // the S-VOL image while split
        boolean paired;
        boolean split;
        String inFlight;      // "B ..." line without its "A"
        int acks;
        int restores;

        void apply(String op) {
            String[] f = op.split(" ");
            switch (f[0]) {
                case "CREATE" -> paired = true;
                case "SPLIT" -> {
                    split = true;
                    svol = pvol.clone();
                }
                case "RESYNC" -> {
                    split = false;
                    svol = null;
                }
                case "RESTORE" -> {
                    restores++;
                    // The S-VOL image goes back to the P-VOL; the pair ends mirrored.
                    System.arraycopy(svol, 0, pvol, 0, pvol.length);
                    split = false;
                    svol = null;
                }
                case "W" -> {
                    byte[] target = f[1].equals("P") ? pvol : svol;
                    int offset = Integer.parseInt(f[2]);
                    byte[] data = CrashWorkload.data(Long.parseLong(f[4]), Integer.parseInt(f[3]));
                    System.arraycopy(data, 0, target, offset, data.length);
                }
                default -> throw new IllegalStateException("unknown op " + op);
            }
        }
    }

    private Model runAndKill(Path arrayDir, long seed, int killAfterAcks) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWorkload.class.getName(), arrayDir.toString(), Long.toString(seed))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Model model = new Model();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            assertThat(line).as("child start").isEqualTo("READY");
            while (model.acks < killAfterAcks && (line = lines.readLine()) != null) {
                if (line.startsWith("B ")) {
                    model.inFlight = line.substring(2);
                } else if (line.equals("A")) {
                    model.apply(model.inFlight);
                    model.inFlight = null;
                    model.acks++;
                }
            }
            assertThat(line).as("the child stopped on its own before the kill (see its stderr above)").isNotNull();
            // SIGKILL through the process handle: Process.destroyForcibly() would also close our end of the pipe.
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child killed").isTrue();
            // Lines the child printed before it died count as well: they were acknowledged.
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("B ")) {
                    model.inFlight = line.substring(2);
                } else if (line.equals("A")) {
                    model.apply(model.inFlight);
                    model.inFlight = null;
                    model.acks++;
                }
            }
        } finally {
            child.destroyForcibly();
        }
        return model;
    }

    private void verify(Path arrayDir, Model model, String what) throws Exception {
        try (SimulatedArray array = SimulatedArray.open(arrayDir)) {
            Optional<PairInfo> pair = array.shadowImage().pair(P, 0);
            System.out.println("crash test " + what + " restores " + model.restores + ": reopened with " + pair.map(p -> p.state() + " " + p.copyPercent() + "%").orElse("SMPL")
                    + (model.inFlight != null ? ", in flight: " + model.inFlight : ""));
            String flight = model.inFlight == null ? "" : model.inFlight.split(" ")[0];
            // The pair and its split state: what the acks say, unless the in-flight operation took effect.
            if (pair.isPresent() != model.paired) {
                assertThat(flight).as(what + ": pair exists=" + pair.isPresent()).isEqualTo("CREATE");
                model.paired = pair.isPresent();
            }
            if (pair.isPresent()) {
                boolean splitNow = splitLike(pair.get().state());
                if (splitNow != model.split) {
                    assertThat(flight).as(what + ": pair state " + pair.get().state()).isIn(splitNow ? "SPLIT" : "RESYNC",
                            splitNow ? "SPLIT" : "RESTORE");
                    model.apply(model.inFlight);
                    model.inFlight = null;
                }
            }
            if (pair.isPresent()) {
                // Copies resume on open; a restore must finish before the P-VOL can be read at all.
                PairInfo settled = array.shadowImage().await(P, 0, p -> !p.state().copying(), Duration.ofSeconds(60));
                assertThat(settled.state()).as(what + ": copy resumed and finished").isIn(PairState.PAIR, PairState.PSUS);
            }
            byte[] pvol = TestArrays.read(array, P, 0, VOLUME);
            assertMatches(pvol, model.pvol, model.inFlight, "P", what + ": P-VOL");
            if (!pair.isPresent()) {
                return;
            }
            byte[] svol = TestArrays.read(array, S, 0, VOLUME);
            if (model.split) {
                assertMatches(svol, model.svol, model.inFlight, "S", what + ": S-VOL point-in-time image");
            } else {
                assertThat(svol).as(what + ": S-VOL mirrors the P-VOL after the copy").isEqualTo(pvol);
            }
            assertThat(TestArrays.read(array, P, 0, VOLUME)).as(what + ": P-VOL unchanged by the copy").isEqualTo(pvol);
        }
    }

    private static boolean splitLike(PairState state) {
        return state == PairState.COPY_SP || state == PairState.PSUS_SP || state == PairState.PSUS;
    }

    /** Equal to the model, except that bytes of an in-flight write to this volume may be old or new. */
    private static void assertMatches(byte[] actual, byte[] expected, String inFlight, String volume, String what) {
        byte[] newData = null;
        int offset = 0;
        if (inFlight != null && inFlight.startsWith("W " + volume + " ")) {
            String[] f = inFlight.split(" ");
            offset = Integer.parseInt(f[2]);
            newData = CrashWorkload.data(Long.parseLong(f[4]), Integer.parseInt(f[3]));
        }
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] != expected[i]) {
                boolean inWrite = newData != null && i >= offset && i < offset + newData.length && actual[i] == newData[i - offset];
                if (!inWrite) {
                    throw new AssertionError(what + ": byte " + i + " (track " + i / TestArrays.TRACK + ") is " + actual[i]
                            + ", expected " + expected[i] + (inFlight != null ? " (in flight: " + inFlight + ")" : ""));
                }
            }
        }
    }
}
