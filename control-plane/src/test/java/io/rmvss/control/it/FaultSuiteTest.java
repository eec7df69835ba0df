package io.rmvss.control.it;

import static io.rmvss.control.it.SeedSite.INST50;
import static io.rmvss.control.it.SeedSite.INST51;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.StatusRuntimeException;
import io.rmvss.array.daemon.ArrayProcess;
import io.rmvss.control.events.EventCode;
import io.rmvss.control.grpc.RpcClient;
import io.rmvss.control.snapshot.HResult;
import io.rmvss.proto.v1.ProviderFault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #5's fault suite, at system level: {@code rmvss serve} as a process over real gRPC, the array daemon as a process, the
 * real bin/cci. Each fault ends with the documented error (HRESULT and [EV_*] code in the call's ProviderFault), the event in
 * events.jsonl with the seed's text (and KAVX text where the seed has one), and no pair split without an owner
 * ({@link NoOrphanSplit}). Killing the control plane after each step is {@link ServeCrashTest}; here it is also killed in the
 * middle of CommitSnapshots, while its pairsplit is still on the way to the array.
 */
@Timeout(180)
class FaultSuiteTest {
    private static final String SET = "7d1f6a52-0000-4000-8000-0000000000f";

    @TempDir
    Path dir;
    SeedSite site;
    ServeProcess serve;

    @AfterEach
    void tearDown() throws Exception {
        if (serve != null) {
            serve.close();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void horcmInstanceShutDownMidCycle() throws Exception {
        site = SeedSite.start(dir);
        serve = ServeProcess.start(dir, site);

        // Between EndPrepare and Commit: the quick split cannot reach the instance; the commit is vetoed. Whether the pair split
        // cannot be asked either, so the abort is refused too and the set keeps the pair until its rollback can run.
        try (RpcClient vss = serve.client()) {
            VssStep.PRE_COMMIT_SNAPSHOTS.runThrough(vss, SET + "1");
            site.check(Map.of(), "horcmshutdown", "50");
            ProviderFault commit = refused(() -> VssStep.COMMIT_SNAPSHOTS.call(vss, SET + "1"), HResult.VSS_E_PROVIDER_VETO, EventCode.EV_ATTHOR);
            assertThat(commit.getDetail()).contains("pairsplit -g snap", "EX_ATTHOR", "horcmstart 50");
            ProviderFault abort = refused(() -> VssStep.ABORT_SNAPSHOTS.call(vss, SET + "1"), HResult.VSS_E_PROVIDER_VETO, EventCode.EV_ATTHOR);
            assertThat(abort.getDetail()).contains("[snap]", "could not be resynchronised", "horcmstart 50");
        }
        assertThat(lastEvent(EventCode.EV_ATTHOR).get("setId").asText()).isEqualTo(SET + "1");
        site.check(Map.of(), "horcmstart", "50");
        assertThat(NoOrphanSplit.check(site, serve, "commit vetoed, instance restarted")).isIn("PAIR", "COPY");
        assertThat(serve.sets().get(SET + "1").getState()).isEqualTo("COMMIT_FAILED");

        // Between Commit and OnLunEmpty: the delete cannot resynchronise; the set keeps owning its split until a retry succeeds.
        try (RpcClient vss = serve.client()) {
            VssStep.LOCATE_LUNS.runThrough(vss, SET + "2");
            assertThat(serve.sets().get(SET + "1").getState()).as("rolled back at the next AreLunsSupported").isEqualTo("ABORTED");
            site.check(Map.of(), "horcmshutdown", "50");
            refused(() -> VssStep.ON_LUN_EMPTY.call(vss, SET + "2"), HResult.VSS_E_PROVIDER_VETO, EventCode.EV_ATTHOR);
            assertThat(NoOrphanSplit.check(site, serve, "delete refused")).isEqualTo("PSUS");
            site.check(Map.of(), "horcmstart", "50");
            VssStep.ON_LUN_EMPTY.call(vss, SET + "2"); // the coordinator's retry
        }
        assertThat(NoOrphanSplit.check(site, serve, "delete retried")).isIn("PAIR", "COPY");
        assertThat(serve.sets().get(SET + "2").getState()).isEqualTo("DELETED");
        assertHidden();

        // Between Commit and AbortSnapshots: the rollback cannot resynchronise; the set keeps owning its split, and the next
        // backup's first call, with the instance back, finishes the rollback before the LUN is offered again.
        try (RpcClient vss = serve.client()) {
            VssStep.COMMIT_SNAPSHOTS.runThrough(vss, SET + "8");
            site.check(Map.of(), "horcmshutdown", "50");
            ProviderFault abort = refused(() -> VssStep.ABORT_SNAPSHOTS.call(vss, SET + "8"), HResult.VSS_E_PROVIDER_VETO, EventCode.EV_ATTHOR);
            assertThat(abort.getDetail()).contains("[snap]", "could not be resynchronised");
            assertThat(NoOrphanSplit.check(site, serve, "abort refused")).isEqualTo("PSUS");
            assertThat(serve.sets().get(SET + "8").getState()).isEqualTo("COMMIT_FAILED");
            site.check(Map.of(), "horcmstart", "50");
            VssStep.LOCATE_LUNS.runThrough(vss, SET + "9");
            assertThat(serve.sets().get(SET + "8").getState()).isEqualTo("ABORTED");
            VssStep.ON_LUN_EMPTY.call(vss, SET + "9");
        }
        assertThat(NoOrphanSplit.check(site, serve, "next backup made and deleted")).isIn("PAIR", "COPY");
    }

    @Test
    void arrayDaemonKilledDuringTheQuickSplitCopy() throws Exception {
        site = SeedSite.start(dir);
        serve = ServeProcess.start(dir, site);
        // The daemon holds its background copy, so that the host's writes are still pending when the quick split comes.
        site.array.close();
        site.array.serveWith("--hold-copy");
        site.array.start();
        String region = String.valueOf(32 << 20);
        check(site.array.io("fill", "62496:18", "0", region, "--seed", "1"));
        String set = SET + "3";
        String frozen;
        try (RpcClient vss = serve.client()) {
            VssStep.END_PREPARE_SNAPSHOTS.runThrough(vss, set);
            frozen = check(site.array.io("sum", "62496:18", "0", region)).out().split(" ")[0]; // the writers are frozen from here
            VssStep.PRE_COMMIT_SNAPSHOTS.call(vss, set);
            VssStep.COMMIT_SNAPSHOTS.call(vss, set);
        }
        check(site.array.io("fill", "62496:18", "0", region, "--seed", "2")); // thawed: the host writes over what was frozen
        assertThat(site.statuses()).as("the quick split's copy is in progress").containsExactly("P-VOL PSUS", "S-VOL COPY");

        site.array.kill();
        try (RpcClient vss = serve.client()) {
            VssStep.POST_COMMIT_SNAPSHOTS.call(vss, set);
            VssStep.PRE_FINAL_COMMIT_SNAPSHOTS.call(vss, set);
            VssStep.POST_FINAL_COMMIT_SNAPSHOTS.call(vss, set);
            ProviderFault locate = refused(() -> VssStep.LOCATE_LUNS.call(vss, set), HResult.VSS_E_PROVIDER_VETO, EventCode.EV_ATTHOR);
            assertThat(locate.getDetail()).contains("raidvchkset", "the simulated array is not running");
            assertThat(lastEvent(EventCode.EV_ATTHOR).get("detail").asText()).contains("raidvchkset", "rmvss array serve");

            site.array.serveWith();
            site.array.start();
            assertThat(NoOrphanSplit.check(site, serve, "array daemon restarted")).isEqualTo("PSUS");
            VssStep.LOCATE_LUNS.call(vss, set); // the import is retried
            site.check(INST51, "pairevtwait", "-g", "snap", "-ss", "ssus", "-t", "120");
            assertThat(check(site.array.io("sum", "62496:19", "0", region)).out()).as("the shadow copy holds the frozen image")
                    .startsWith(frozen + " ");
            VssStep.ON_LUN_EMPTY.call(vss, set);
        }
        assertThat(NoOrphanSplit.check(site, serve, "shadow copy deleted")).isIn("PAIR", "COPY");
        assertHidden();
    }

    @Test
    void arrayDaemonKilledWhileTheQuickSplitIsInFlight() throws Exception {
        site = SeedSite.start(dir, List.of("--latency", "pairsplit=3s"));
        serve = ServeProcess.start(dir, site);
        String set = SET + "a";
        try (RpcClient vss = serve.client()) {
            VssStep.PRE_COMMIT_SNAPSHOTS.runThrough(vss, set);
            Thread killer = new Thread(() -> {
                try {
                    serve.awaitCommand("pairsplit", Duration.ofSeconds(60));
                    site.array.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            killer.start();
            // The connection to the array breaks under the command: CCI's EX_COMERR, a control command I/O error.
            ProviderFault commit = refused(() -> VssStep.COMMIT_SNAPSHOTS.call(vss, set), HResult.VSS_E_PROVIDER_VETO, EventCode.EV_CMDIOE);
            killer.join(60_000);
            assertThat(commit.getDetail()).contains("pairsplit -g snap", "[EX_COMERR]");
            // The array cannot say whether the split happened: the abort is refused and the set keeps the pair.
            refused(() -> VssStep.ABORT_SNAPSHOTS.call(vss, set), HResult.VSS_E_PROVIDER_VETO, EventCode.EV_ATTHOR);
            assertThat(serve.sets().get(set).getState()).isEqualTo("COMMIT_FAILED");
            // The commit's veto, queued while writers were frozen, is written once the abort thawed them.
            JsonNode veto = lastEvent(EventCode.EV_CMDIOE);
            assertThat(veto.get("setId").asText()).isEqualTo(set);
            assertThat(veto.get("detail").asText()).contains("[EX_COMERR]");

            site.array.start();
            assertThat(NoOrphanSplit.check(site, serve, "array daemon restarted")).isIn("PAIR", "COPY");
            VssStep.LOCATE_LUNS.runThrough(vss, SET + "b"); // the next backup finishes the rollback first
            assertThat(serve.sets().get(set).getState()).isEqualTo("ABORTED");
            VssStep.ON_LUN_EMPTY.call(vss, SET + "b");
        }
        assertThat(NoOrphanSplit.check(site, serve, "next backup made and deleted")).isIn("PAIR", "COPY");
    }

    @Test
    void environmentVariableRemoved() throws Exception {
        site = SeedSite.start(dir);
        serve = ServeProcess.start(dir, site);
        String set = SET + "4";
        try (RpcClient vss = serve.client()) {
            VssStep.POST_FINAL_COMMIT_SNAPSHOTS.runThrough(vss, set);
        }

        for (String removed : List.of("VSHTCHORCMINST_LOCAL", "VSHTCHOMRCF_MUN")) {
            String kavx = removed.equals("VSHTCHOMRCF_MUN") ? "KAVX5002-E" : "KAVX5003-E";
            serve.stop();
            Map<String, String> env = new HashMap<>(GrpcSite.SEED_ENV);
            env.remove(removed);
            if (removed.equals("VSHTCHORCMINST_LOCAL")) {
                // REMOTE alone is a valid import host (seed 3.7.2's note): the P-VOL host's fault is both instances gone.
                env.remove("VSHTCHORCMINST_REMOTE");
            }
            assertThat(serve.start(env)).contains("CONFIGURATION ERROR", "[EV_EGETEV]", removed + " is not set", kavx);
            try (RpcClient vss = serve.client()) {
                ProviderFault fault = refused(() -> VssStep.ARE_LUNS_SUPPORTED.call(vss, set), HResult.VSS_E_PROVIDER_VETO, EventCode.EV_EGETEV);
                assertThat(fault.getDetail()).contains(removed + " is not set", kavx);
            }
            JsonNode event = lastEvent(EventCode.EV_EGETEV);
            assertThat(event.get("detail").asText()).contains(removed + " is not set", "restart the server");
            assertThat(event.get("kavx").asText()).startsWith(kavx);
            // Nothing ran: the created shadow copy stays split and recorded.
            assertThat(site.statuses().get(0)).isEqualTo("P-VOL PSUS");
            assertThat(serve.sets().get(set).getState()).isEqualTo("CREATED");
            NoOrphanSplit.check(site, serve, removed + " removed");
        }

        serve.stop();
        assertThat(serve.start(GrpcSite.SEED_ENV)).contains("kept [" + set + "]");
        try (RpcClient vss = serve.client()) {
            VssStep.ON_LUN_EMPTY.call(vss, set);
        }
        assertThat(NoOrphanSplit.check(site, serve, "environment restored, shadow copy deleted")).isIn("PAIR", "COPY");
    }

    @Test
    void horcmConfCorrupted() throws Exception {
        site = SeedSite.start(dir);
        serve = ServeProcess.start(dir, site);
        String set = SET + "5";
        try (RpcClient vss = serve.client()) {
            VssStep.POST_FINAL_COMMIT_SNAPSHOTS.runThrough(vss, set);
        }
        Path conf = site.etc.resolve("horcm50.conf");
        String good = Files.readString(conf);
        String devLine = good.lines().filter(l -> l.startsWith("snap ")).findFirst().orElseThrow();
        Files.writeString(conf, good.replace(devLine, "snap snapdev1 CL2-C twentyfive 1 2"));
        site.check(Map.of(), "horcmshutdown", "50");
        ArrayProcess.Result start = site.cci(Map.of(), "horcmstart", "50");
        assertThat(start.exit()).isEqualTo(1);
        String confError = conf + " line 11: TargetID 'twentyfive' is not a number >= 0";
        assertThat(start.err()).contains("HORCM inst 50 has failed to start.", confError);

        serve.kill9();
        assertThat(serve.start(GrpcSite.SEED_ENV)).contains("crash recovery could not run yet", "[EV_ATTHOR]", confError);
        try (RpcClient vss = serve.client()) {
            ProviderFault fault = refused(() -> VssStep.ARE_LUNS_SUPPORTED.call(vss, "-"), HResult.VSS_E_PROVIDER_VETO, EventCode.EV_ATTHOR);
            assertThat(fault.getDetail()).contains("crash recovery could not run", confError, "start it with horcmstart 50");
        }
        assertThat(lastEvent(EventCode.EV_ATTHOR).get("detail").asText()).contains(confError);
        assertThat(site.statuses().get(0)).isEqualTo("P-VOL PSUS");
        assertThat(serve.sets().get(set).getState()).isEqualTo("CREATED");
        NoOrphanSplit.check(site, serve, "conf corrupted");

        Files.writeString(conf, good);
        site.check(Map.of(), "horcmstart", "50");
        try (RpcClient vss = serve.client()) {
            VssStep.ON_LUN_EMPTY.call(vss, set); // recovery runs first and keeps the set: its shadow copy can be deleted
        }
        assertThat(NoOrphanSplit.check(site, serve, "conf repaired, shadow copy deleted")).isIn("PAIR", "COPY");
        assertThat(serve.sets().get(set).getState()).isEqualTo("DELETED");
    }

    @Test
    void commitThatWouldOverrunTheWindowIsVetoedAndRolledBack() throws Exception {
        site = SeedSite.start(dir, List.of("--latency", "pairsplit=3s"));
        serve = ServeProcess.start(dir, site, "--commit-deadline", "1s");
        String set = SET + "6";
        try (RpcClient vss = serve.client()) {
            VssStep.PRE_COMMIT_SNAPSHOTS.runThrough(vss, set);
            ProviderFault veto = refused(() -> VssStep.COMMIT_SNAPSHOTS.call(vss, set), HResult.VSS_E_PROVIDER_VETO, EventCode.EV_CMDIOE);
            assertThat(veto.getDetail()).contains("did not complete within the commit deadline of 1000 ms", "[snap]");
            VssStep.ABORT_SNAPSHOTS.call(vss, set); // waits for the rollback
        }
        JsonNode event = lastEvent(EventCode.EV_CMDIOE);
        assertThat(event.get("setId").asText()).isEqualTo(set);
        assertThat(event.get("detail").asText()).contains("being resynchronised", "at most 8 copy groups", "reduce the load on the array");
        assertThat(event.get("kavx").asText()).startsWith("KAVX5004-E A timeout error occurred in the writer");
        assertThat(NoOrphanSplit.check(site, serve, "commit vetoed")).isIn("PAIR", "COPY");
        assertThat(serve.sets().get(set).getState()).isEqualTo("ABORTED");
        site.check(INST50, "pairevtwait", "-g", "snap", "-s", "pair", "-t", "60");
    }

    @Test
    void controlPlaneKilledWhileTheQuickSplitIsInFlight() throws Exception {
        site = SeedSite.start(dir, List.of("--latency", "pairsplit=4s"));
        serve = ServeProcess.start(dir, site);
        String set = SET + "7";
        ProcessHandle split;
        try (RpcClient vss = serve.client()) {
            VssStep.PRE_COMMIT_SNAPSHOTS.runThrough(vss, set);
            Thread commit = new Thread(() -> catchThrowableOfType(StatusRuntimeException.class, () -> VssStep.COMMIT_SNAPSHOTS.call(vss, set)));
            commit.start();
            split = serve.awaitCommand("pairsplit", Duration.ofSeconds(60));
            serve.kill9();
            commit.join(60_000);
        }
        // The orphaned pairsplit is still on its way to the array when the restarted server recovers.
        // Not asserted: a machine that stalled for the whole 4 s latency would fail a correct provider; it skips instead.
        assumeTrue(split.isAlive(), "the killed server's pairsplit landed before the kill: the race was not reproduced");
        assertThat(serve.start(GrpcSite.SEED_ENV)).contains("crash recovery: rolled back [" + set + "]");
        split.onExit().get(60, TimeUnit.SECONDS);
        assertThat(NoOrphanSplit.check(site, serve, "after the in-flight split landed")).isIn("PAIR", "COPY");
        assertThat(serve.sets().get(set).getState()).isEqualTo("ABORTED");
    }

    /**
     * [EV_ENOMEM] from a real shortage: serve's address space is capped at what it has mapped (prlimit, {@link AddressSpaceLimit}),
     * so the CCI command it starts next cannot get memory (posix_spawn's child stack or a new thread fails with ENOMEM). The
     * warm-up cycle on the same connection first starts the gRPC, Netty and CCI worker threads and loads the classes, so that the
     * CCI command is the first thing under the cap that needs new memory. The JVM must survive and serve again once lifted.
     */
    @Test
    void addressSpaceExhaustedDuringCommitAndOnLoad() throws Exception {
        site = SeedSite.start(dir);
        Path crashLogs = Files.createDirectories(dir.resolve("hs_err"));
        serve = ServeProcess.start(dir, site, GrpcSite.SEED_ENV, List.of("-XX:ErrorFile=" + crashLogs.resolve("hs_err_pid%p.log")), Map.of());
        String set = SET + "e";
        try (RpcClient vss = serve.client()) {
            VssStep.ON_LUN_EMPTY.runThrough(vss, SET + "d"); // warm-up

            // During the freeze: the quick split cannot be started, nothing is split; the set rolls back.
            VssStep.PRE_COMMIT_SNAPSHOTS.runThrough(vss, set);
            ProviderFault commit;
            try (AddressSpaceLimit cap = AddressSpaceLimit.atCurrentSize(serve.pid())) {
                commit = refused(() -> VssStep.COMMIT_SNAPSHOTS.call(vss, set), HResult.E_OUTOFMEMORY, EventCode.EV_ENOMEM);
            }
            assertThat(commit.getDetail()).containsAnyOf("error=12, Cannot allocate memory", "unable to create native thread");
            assertSurvived(crashLogs);
            assertThat(NoOrphanSplit.check(site, serve, "commit refused for lack of memory")).isIn("PAIR", "COPY");
            VssStep.ABORT_SNAPSHOTS.call(vss, set); // the coordinator's answer; rolls back if the cap stopped the rollback too
            assertThat(serve.sets().get(set).getState()).isEqualTo("ABORTED");
            // Written once the writers are thawed (the abort at the latest); the rollback may have hit the cap too.
            JsonNode event = serve.events().stream().filter(n -> n.get("code").asText().equals("EV_ENOMEM")).findFirst()
                    .orElseThrow(() -> new AssertionError("no EV_ENOMEM in " + serve.state.resolve("events.jsonl")));
            assertThat(event.get("setId").asText()).isEqualTo(set);
            assertThat(event.get("detail").asText()).isEqualTo(commit.getDetail());
            assertThat(lastEvent(EventCode.EV_ENOMEM).get("cause").asText())
                    .isEqualTo("The memory for executing a CCI Shadow Copy Provider could not be retained."); // the seed's table 3.5

            // The first call of a backup: OnLoad's raidqry cannot be started.
            int before = serve.events().size();
            try (AddressSpaceLimit cap = AddressSpaceLimit.atCurrentSize(serve.pid())) {
                refused(() -> VssStep.ARE_LUNS_SUPPORTED.call(vss, set), HResult.E_OUTOFMEMORY, EventCode.EV_ENOMEM);
            }
            assertSurvived(crashLogs);
            assertThat(serve.events().subList(before, serve.events().size())).extracting(n -> n.get("code").asText()).containsOnly("EV_ENOMEM");

            // With the memory back, the next backup is made and deleted.
            VssStep.ON_LUN_EMPTY.runThrough(vss, SET + "f");
        }
        assertThat(NoOrphanSplit.check(site, serve, "next backup made and deleted")).isIn("PAIR", "COPY");
        assertThat(serve.sets().get(SET + "f").getState()).isEqualTo("DELETED");
    }

    /** serve is still running and HotSpot wrote no crash log: the shortage was answered, not fatal. */
    private void assertSurvived(Path crashLogs) throws Exception {
        try (var logs = Files.list(crashLogs)) {
            assertThat(logs).as("HotSpot crash logs (the JVM died of the shortage)").isEmpty();
        }
        assertThat(serve.isRunning()).as("rmvss serve is running: %s", serve.log()).isTrue();
    }

    /** The call fails with this HRESULT and event code in its ProviderFault. */
    private static ProviderFault refused(Runnable call, HResult hr, EventCode code) throws Exception {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(e).as("the call is refused with %s", code).isNotNull();
        ProviderFault fault = GrpcSeedSiteTest.fault(e);
        assertThat(fault.getEventCode()).as(fault.getDetail()).isEqualTo(code.name());
        assertThat(fault.getHresult()).isEqualTo(hr.code());
        assertThat(fault.getMessage()).isEqualTo(code.text());
        return fault;
    }

    /** The last event of this code in events.jsonl, with the seed's message, cause and correction. */
    private JsonNode lastEvent(EventCode code) {
        List<JsonNode> events = serve.events().stream().filter(n -> n.get("code").asText().equals(code.name())).toList();
        assertThat(events).as("%s in %s", code, serve.state.resolve("events.jsonl")).isNotEmpty();
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("message").asText()).isEqualTo(code.text());
        assertThat(last.get("cause").asText()).isEqualTo(code.cause());
        assertThat(last.get("correction").asText()).isEqualTo(code.correction());
        return last;
    }

    private void assertHidden() throws Exception {
        assertThat(site.svolHidden()).as("the S-VOL is hidden again for the next backup").isTrue();
    }

    private static ArrayProcess.Result check(ArrayProcess.Result r) {
        assertThat(r.exit()).as(r.err()).isZero();
        return r;
    }
}
