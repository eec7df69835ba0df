package io.rmvss.control.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.control.grpc.RpcClient;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue #3: {@code rmvss serve} killed with kill -9 right after each call of the VSS sequence, over real gRPC against the seed
 * site's array daemon and bin/cci, then restarted on the same state directory. After each restart crash recovery has run and
 * said what it did, no pair is split without a created set owning it, a kept shadow copy can still be deleted, and the next full
 * cycle (create, import, delete) succeeds. One site and one server for all steps, as on a host: each case starts where the
 * last one ended.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ServeCrashTest {
    private static final Pattern RECOVERY = Pattern.compile("crash recovery: rolled back \\[(.*)], kept \\[(.*)], resynchronised \\[(.*)]");
    /** Steps after which the set is still being created: recovery rolls it back. */
    private static final Set<VssStep> CREATING = EnumSet.range(VssStep.BEGIN_PREPARE_SNAPSHOT, VssStep.PRE_FINAL_COMMIT_SNAPSHOTS);
    /** Steps after which the set holds a shadow copy: recovery keeps it, split, until OnLunEmpty. */
    private static final Set<VssStep> CREATED = EnumSet.range(VssStep.POST_FINAL_COMMIT_SNAPSHOTS, VssStep.LOCATE_LUNS);
    /** Steps after which the pair is split by a set being created. */
    private static final Set<VssStep> SPLIT_WHILE_CREATING = EnumSet.range(VssStep.COMMIT_SNAPSHOTS, VssStep.PRE_FINAL_COMMIT_SNAPSHOTS);
    /**
     * Steps after which recovery resynchronises: a split pair, and after PreCommit the split it may not have seen land yet
     * (recovery splits again, then resyncs: FaultSuiteTest#controlPlaneKilledWhileTheQuickSplitIsInFlight).
     */
    private static final Set<VssStep> RESYNCED = EnumSet.range(VssStep.PRE_COMMIT_SNAPSHOTS, VssStep.PRE_FINAL_COMMIT_SNAPSHOTS);

    SeedSite site;
    ServeProcess serve;
    int cycles;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        site = SeedSite.start(dir);
        serve = ServeProcess.start(dir, site);
    }

    @AfterAll
    void stop() throws Exception {
        if (serve != null) {
            serve.close();
        }
        if (site != null) {
            site.close();
        }
    }

    @ParameterizedTest(name = "kill -9 after {0}")
    @EnumSource(VssStep.class)
    void killedAfterAStepAndRestartedLeavesNoSplitWithoutAnOwner(VssStep step) throws Exception {
        String set = setId();
        try (RpcClient vss = serve.client()) {
            step.runThrough(vss, set);
        }
        boolean splitAtKill = NoOrphanSplit.check(site, serve, "before the kill").equals("PSUS");
        assertThat(splitAtKill).as("split at the kill").isEqualTo(SPLIT_WHILE_CREATING.contains(step) || CREATED.contains(step));

        serve.kill9();
        Matcher recovery = RECOVERY.matcher(serve.start(GrpcSite.SEED_ENV));
        assertThat(recovery.find()).as("crash recovery ran and said what it did: %s", serve.log()).isTrue();
        assertThat(recovery.group(1)).as("rolled back").isEqualTo(CREATING.contains(step) ? set : "");
        assertThat(recovery.group(2)).as("kept").isEqualTo(CREATED.contains(step) ? set : "");
        assertThat(recovery.group(3)).as("resynchronised").isEqualTo(RESYNCED.contains(step) ? "snap" : "");
        String status = NoOrphanSplit.check(site, serve, "after the restart");
        if (CREATED.contains(step)) {
            assertThat(status).as("the kept shadow copy stays split").isEqualTo("PSUS");
        } else {
            assertThat(status).as("nothing holds a shadow copy: the pair mirrors").isIn("PAIR", "COPY");
        }
        String expected = step == VssStep.ARE_LUNS_SUPPORTED ? null : CREATED.contains(step) ? "CREATED"
                : step == VssStep.ON_LUN_EMPTY ? "DELETED" : "ABORTED";
        assertThat(serve.sets().containsKey(set) ? serve.sets().get(set).getState() : null).as("set %s in the journal", set)
                .isEqualTo(expected);

        if (CREATED.contains(step)) {
            // The coordinator deletes the shadow copy that survived: its pair resynchronises, its S-VOL is hidden again.
            try (RpcClient vss = serve.client()) {
                VssStep.ON_LUN_EMPTY.call(vss, set);
            }
            assertThat(NoOrphanSplit.check(site, serve, "after deleting the kept shadow copy")).isIn("PAIR", "COPY");
            assertThat(serve.sets().get(set).getState()).isEqualTo("DELETED");
        }
        assertHidden("before the next cycle");

        String next = setId();
        try (RpcClient vss = serve.client()) {
            VssStep.LOCATE_LUNS.runThrough(vss, next);
            assertThat(NoOrphanSplit.check(site, serve, "the next cycle imported")).isEqualTo("PSUS");
            VssStep.ON_LUN_EMPTY.call(vss, next);
        }
        assertThat(NoOrphanSplit.check(site, serve, "the next cycle deleted")).isIn("PAIR", "COPY");
        assertThat(serve.sets().get(next).getState()).isEqualTo("DELETED");
        assertHidden("after the next cycle");
    }

    /** The S-VOL is hidden from the host again (raidvchkset -vg idb), ready for the next backup (seed 3.7.2 step 7). */
    private void assertHidden(String when) throws Exception {
        assertThat(site.svolHidden()).as(when).isTrue();
    }

    private String setId() {
        return String.format("7d1f6a52-0000-4000-8000-%012d", ++cycles);
    }
}
