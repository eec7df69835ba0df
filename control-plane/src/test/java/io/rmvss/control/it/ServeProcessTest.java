package io.rmvss.control.it;

import static io.rmvss.control.grpc.VssProviderMethods.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.cli.Main;
import io.rmvss.control.grpc.RpcClient;
import io.rmvss.control.luns.LunInfo;
import io.rmvss.control.snapshot.TestLuns;
import io.rmvss.proto.v1.*;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rmvss serve} as its own process on the seed site: driven over gRPC by the token in its state directory, killed with
 * kill -9 in the middle of a snapshot set (after CommitSnapshots split the pair) and after a set was created, restarted each time:
 * recovery resynchronises the orphaned split and keeps the created set's split with its owner. {@code rmvss status/sets/events}
 * are run against it, and against no server. SIGTERM stops it cleanly (port file removed).
 */
@Timeout(120)
class ServeProcessTest {
    private static final DeviceLun PVOL = GrpcSite.device("\\\\?\\scsi#disk&ven_hitachi&prod_open-3#1", TestLuns.hitachi(62496, 18, "OPEN-3"));

    @TempDir
    Path dir;
    SeedSite site;
    ServeProcess serve;
    Path state;

    @AfterEach
    void tearDown() throws Exception {
        if (serve != null) {
            serve.close();
        }
        if (site != null) {
            site.close();
        }
    }

    record Cli(int exit, String out, String err) {
    }

    private Cli cli(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cl = new CommandLine(new Main()).setErr(new PrintWriter(err, true));
            cl.setExecutionExceptionHandler((e, command, parsed) -> {
                command.getErr().println(command.getCommandName() + ": " + e.getMessage());
                return 1;
            });
            int exit = cl.execute(args);
            return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(saved);
        }
    }

    private void prepareAndCommit(RpcClient vss, String set) {
        vss.call(ON_LOAD, OnLoadRequest.getDefaultInstance());
        assertThat(vss.call(ARE_LUNS_SUPPORTED, AreLunsSupportedRequest.newBuilder().addLuns(PVOL).build()).getSupported()).isTrue();
        vss.call(BEGIN_PREPARE_SNAPSHOT, BeginPrepareSnapshotRequest.newBuilder().setSnapshotSetId(set).setSnapshotId("s").addLuns(PVOL).build());
        vss.call(END_PREPARE_SNAPSHOTS, EndPrepareSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
        vss.call(PRE_COMMIT_SNAPSHOTS, PreCommitSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
        vss.call(COMMIT_SNAPSHOTS, CommitSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
    }

    @Test
    void killedMidSetAndRestartedLeavesNoSplitWithoutOwner() throws Exception {
        site = SeedSite.start(dir);
        serve = ServeProcess.start(dir, site, "--commit-deadline", "8s");
        state = serve.state;
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("token"))))
                .isEqualTo("rw-------");
        String statusArgs = "--state=" + state;

        Cli status = cli("status", statusArgs);
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("VSHTCHORCMINST_LOCAL", " 50", "VSHTCHORCMINST_REMOTE", " 51", "copy groups", "snap",
                "configuration            OK");

        // Killed right after CommitSnapshots: the pair is split, the set only half made.
        String interrupted = "7d1f6a52-0000-4000-8000-0000000000c1";
        try (RpcClient vss = serve.client()) {
            prepareAndCommit(vss, interrupted);
        }
        assertThat(site.statuses().get(0)).isEqualTo("P-VOL PSUS");
        serve.kill9();
        assertThat(site.statuses().get(0)).as("split, its owner gone").isEqualTo("P-VOL PSUS");
        Cli down = cli("sets", statusArgs);
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.err()).contains("not running", "rmvss serve --state " + state);

        // Restarted: recovery resynchronises the orphan and says so.
        assertThat(serve.start(GrpcSite.SEED_ENV)).contains("crash recovery: rolled back [" + interrupted + "]", "resynchronised [snap]");
        assertThat(site.statuses()).isIn(List.of("P-VOL COPY", "S-VOL COPY"), List.of("P-VOL PAIR", "S-VOL PAIR"));
        assertThat(site.check(SeedSite.INST50, "pairevtwait", "-g", "snap", "-s", "pair", "-t", "60").exit()).isZero();

        // A created set survives a kill -9: its split stays, owned, and is released by OnLunEmpty after the restart.
        String created = "7d1f6a52-0000-4000-8000-0000000000c2";
        try (RpcClient vss = serve.client()) {
            prepareAndCommit(vss, created);
            vss.call(POST_COMMIT_SNAPSHOTS, PostCommitSnapshotsRequest.newBuilder().setSnapshotSetId(created).setSnapshotCount(1).build());
            vss.call(PRE_FINAL_COMMIT_SNAPSHOTS, PreFinalCommitSnapshotsRequest.newBuilder().setSnapshotSetId(created).build());
            vss.call(POST_FINAL_COMMIT_SNAPSHOTS, PostFinalCommitSnapshotsRequest.newBuilder().setSnapshotSetId(created).build());
        }
        serve.kill9();
        assertThat(serve.start(GrpcSite.SEED_ENV)).contains("kept [" + created + "]");
        assertThat(site.statuses().get(0)).isEqualTo("P-VOL PSUS");
        Cli sets = cli("sets", statusArgs);
        assertThat(sets.exit()).as(sets.err()).isZero();
        assertThat(sets.out()).containsPattern(created + "\\s+CREATED\\s+1\\s");
        assertThat(sets.out()).as("the set recovery rolled back, from the journal").containsPattern(interrupted + "\\s+ABORTED\\s+1\\s");
        try (RpcClient vss = serve.client()) {
            List<LunInformation> targets = vss.call(GET_TARGET_LUNS, GetTargetLunsRequest.newBuilder().addSources(PVOL).build()).getTargetsList();
            vss.call(ON_LUN_EMPTY, OnLunEmptyRequest.newBuilder().setLun(DeviceLun.newBuilder().setDevice("svol").setLun(targets.get(0))).build());
            // An event to list: an unknown set.
            try {
                vss.call(ABORT_SNAPSHOTS, AbortSnapshotsRequest.newBuilder().setSnapshotSetId("no-such-set").build());
            } catch (io.grpc.StatusRuntimeException expected) {
                // EV_ENOOBJ
            }
        }
        assertThat(site.statuses()).isIn(List.of("P-VOL COPY", "S-VOL COPY"), List.of("P-VOL PAIR", "S-VOL PAIR"));
        Cli events = cli("events", statusArgs, "--limit", "5");
        assertThat(events.exit()).as(events.err()).isZero();
        assertThat(events.out()).contains("[EV_ENOOBJ] Not found object", "no-such-set", "correction:");

        // SIGTERM: a clean stop, the port file removed.
        serve.stop();
        assertThat(state.resolve("port")).doesNotExist();
        Cli after = cli("status", statusArgs);
        assertThat(after.exit()).isEqualTo(1);
        assertThat(after.err()).contains("not running", "does not exist");
    }

    @Test
    void aMisconfiguredServerStartsAndStatusShowsWhy() throws Exception {
        serve = ServeProcess.start(dir, null, Map.of());
        assertThat(serve.log()).contains("CONFIGURATION ERROR", "[EV_EGETEV]", "KAVX5003-E");
        Cli status = cli("status", "--state=" + serve.state);
        assertThat(status.exit()).isEqualTo(3);
        assertThat(status.out()).contains("configuration            ERROR", "VSHTCHORCMINST_LOCAL is not set", "KAVX5003-E");
    }
}
