package io.rmvss.control.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rmvss.proto.v1.SnapshotSetSummary;
import java.util.List;
import java.util.Set;

/**
 * Issue #3's invariant, asked of the real site and the running server: the seed's pair (copy group snap) is either mirroring
 * (PAIR / COPY, as pairdisplay through instance 50 shows it) or split and owned by exactly one live snapshot set that split it
 * (committed, created, or vetoed and rolling back) in the control plane's admin list (memory and journal).
 */
final class NoOrphanSplit {
    /** Live states of a set that split its pairs (COMMIT_FAILED: vetoed, its rollback not done yet). */
    private static final Set<String> SPLIT_OWNERS = Set.of("COMMITTED", "POSTCOMMITTED", "PREFINAL", "CREATED", "COMMIT_FAILED");

    private NoOrphanSplit() {
    }

    /** Returns the P-VOL's status (PAIR, COPY or PSUS). */
    static String check(SeedSite site, ServeProcess serve, String when) throws Exception {
        List<String> statuses = site.statuses();
        String pvol = statuses.get(0);
        List<SnapshotSetSummary> owners = serve.sets().values().stream()
                .filter(s -> s.getCopyGroupsList().contains("snap") && SPLIT_OWNERS.contains(s.getState())).toList();
        if (pvol.equals("P-VOL PAIR") || pvol.equals("P-VOL COPY")) {
            // A vetoed set that could not ask the array whether its split happened may still claim the pair: harmless.
            assertThat(owners).filteredOn(s -> !s.getState().equals("COMMIT_FAILED"))
                    .as("%s: the pair mirrors (%s), so no set may hold a shadow copy on it", when, statuses).isEmpty();
        } else {
            assertThat(pvol).as("%s: the P-VOL is PAIR, COPY or split (PSUS): %s", when, statuses).isEqualTo("P-VOL PSUS");
            assertThat(owners).as("%s: the split pair (%s) is owned by exactly one live snapshot set that split it", when, statuses).hasSize(1);
        }
        return pvol.substring("P-VOL ".length());
    }
}
