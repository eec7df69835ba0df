package io.rmvss.control.it;

import static io.rmvss.control.it.SeedSite.INST50;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rmvss.control.cci.CciInstallation;
import io.rmvss.control.cci.CommandCciDriver;
import io.rmvss.control.config.ProviderConfig;
import io.rmvss.control.events.EventCode;
import io.rmvss.control.events.EventException;
import io.rmvss.control.events.Events;
import io.rmvss.control.events.JsonLinesEventSink;
import io.rmvss.control.journal.MemoryJournal;
import io.rmvss.control.luns.HitachiIdentity;
import io.rmvss.control.luns.LunInfo;
import io.rmvss.control.snapshot.ProviderException;
import io.rmvss.control.snapshot.ProviderSettings;
import io.rmvss.control.snapshot.ResyncStatus;
import io.rmvss.control.snapshot.SnapshotProvider;
import io.rmvss.control.snapshot.TestLuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider driven as the VSS coordinator drives it, against the simulated array through the real bin/cci commands, on the
 * seed's 3.7.2 site (VSHTCHORCMINST_LOCAL=50, VSHTCHORCMINST_REMOTE=51, VSHTCHOMRCF_MUN=2); states as 3.7.3 names them.
 */
@Timeout(120)
class SeedSiteProviderTest {
    private static final Map<String, String> SEED_ENV = Map.of("VSHTCHORCMINST_LOCAL", "50", "VSHTCHORCMINST_REMOTE", "51",
            "VSHTCHOMRCF_MUN", "2");
    private static final LunInfo PVOL = TestLuns.hitachi(62496, 18, "OPEN-3");
    private static final LunInfo COMMAND_DEVICE = TestLuns.hitachi(62496, 16, "OPEN-3-CM");
    private static final String SET = "{7d1f6a52-0000-4000-8000-000000000001}";

    @TempDir
    Path dir;
    SeedSite site;
    Path eventFile;
    Events events;
    SnapshotProvider provider;

    @BeforeEach
    void setUp() throws Exception {
        site = SeedSite.start(dir);
        eventFile = dir.resolve("events.jsonl");
        events = new Events(List.of(new JsonLinesEventSink(eventFile)));
        provider = provider(site.installation());
    }

    private SnapshotProvider provider(CciInstallation installation) {
        return new SnapshotProvider(ProviderConfig.fromEnvironment(SEED_ENV), ProviderSettings.defaults(), new CommandCciDriver(installation),
                events, new MemoryJournal());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (provider != null) {
            provider.close();
        }
        site.close();
    }

    private void create(String set) {
        assertThat(provider.areLunsSupported(List.of(PVOL), 0)).isTrue();
        provider.beginPrepareSnapshot(set, "{snap}", 0, List.of(PVOL));
        provider.endPrepareSnapshots(set);
        provider.preCommitSnapshots(set);
        provider.commitSnapshots(set);
        provider.postCommitSnapshots(set, 1);
        provider.preFinalCommitSnapshots(set);
        provider.postFinalCommitSnapshots(set);
    }

    @Test
    void createImportDeleteAbortRestore() throws Exception {
        provider.onLoad();
        create(SET);
        assertThat(site.statuses()).isIn(List.of("P-VOL PSUS", "S-VOL COPY"), List.of("P-VOL PSUS", "S-VOL SSUS"));

        List<LunInfo> targets = provider.getTargetLuns(List.of(PVOL));
        LunInfo target = targets.get(0);
        assertThat(HitachiIdentity.of(target).orElseThrow().ldev()).isEqualTo(19);
        assertThat(target.serialNumber()).isEqualTo(PVOL.serialNumber());
        assertThat(target.productRevision()).isEqualTo(PVOL.productRevision());
        assertThat(target.diskSignature()).isEqualTo(LunInfo.GUID_NULL);

        // Import: LocateLuns releases the INVISIBLE attribute through instance 51; the S-VOL appears as a host disk.
        assertThat(site.check(Map.of(), "inqraid", "-CLI", "$Phy").out()).doesNotContain("   19 ");
        provider.locateLuns(targets);
        assertThat(site.check(Map.of(), "inqraid", "-CLI", "$Phy").out()).containsPattern("62496\\s+19\\s");
        assertThat(provider.fillInLunInfo("Harddisk2", target)).isTrue();

        // Delete: OnLunEmpty resynchronises: PVOL_COPY/SVOL_COPY or PAIR (3.7.3), and hides the S-VOL again.
        provider.onLunEmpty("Harddisk2", target);
        assertThat(site.statuses()).isIn(List.of("P-VOL COPY", "S-VOL COPY"), List.of("P-VOL PAIR", "S-VOL PAIR"));
        assertThat(site.check(INST50, "pairevtwait", "-g", "snap", "-s", "pair", "-t", "60").exit()).isZero();

        // Abort after commit: the split is resynchronised.
        String second = "{7d1f6a52-0000-4000-8000-000000000002}";
        provider.beginPrepareSnapshot(second, "{snap2}", 0, List.of(PVOL));
        provider.endPrepareSnapshots(second);
        provider.preCommitSnapshots(second);
        provider.commitSnapshots(second);
        assertThat(site.statuses().get(0)).isEqualTo("P-VOL PSUS");
        provider.abortSnapshots(second);
        assertThat(site.statuses()).isIn(List.of("P-VOL COPY", "S-VOL COPY"), List.of("P-VOL PAIR", "S-VOL PAIR"));
        assertThat(site.check(INST50, "pairevtwait", "-g", "snap", "-s", "pair", "-t", "60").exit()).isZero();

        // Restore: a new shadow copy, then ResyncLuns (pairresync -restore), polled until done.
        String third = "{7d1f6a52-0000-4000-8000-000000000003}";
        create(third);
        assertThat(site.check(INST50, "pairevtwait", "-g", "snap", "-s", "psus", "-t", "60").exit()).isZero();
        String op = provider.resyncLuns(provider.getTargetLuns(List.of(PVOL)), List.of(PVOL));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (provider.resyncStatus(op).state() == ResyncStatus.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(provider.resyncStatus(op).state()).isEqualTo(ResyncStatus.State.DONE);
        assertThat(site.statuses()).containsExactly("P-VOL PAIR", "S-VOL PAIR");
        assertThat(Files.exists(eventFile)).as("no errors on the happy paths").isFalse();
    }

    @Test
    void everyFaultLandsInTheEventFileWithTheSeedsText() throws Exception {
        // EV_EGETEV: the service's environment lacks VSHTCHOMRCF_MUN.
        try {
            ProviderConfig.fromEnvironment(Map.of("VSHTCHORCMINST_LOCAL", "50"));
        } catch (EventException e) {
            events.report(e.event());
        }
        // EV_ENOSUP: the command device.
        assertThat(provider.areLunsSupported(List.of(COMMAND_DEVICE), 0)).isFalse();
        // EV_INVSEQ: CommitSnapshots before PreCommit.
        provider.beginPrepareSnapshot(SET, "{snap}", 0, List.of(PVOL));
        assertThatThrownBy(() -> provider.commitSnapshots(SET)).isInstanceOf(ProviderException.class);
        provider.abortSnapshots(SET);
        // EV_ENOOBJ: an unknown snapshot set.
        assertThatThrownBy(() -> provider.endPrepareSnapshots("{unknown}")).isInstanceOf(ProviderException.class);
        // EV_INVSTP: restore of a pair that is in PAIR (pairresync -restore wants PSUS).
        assertThatThrownBy(() -> provider.resyncLuns(List.of(TestLuns.hitachi(62496, 19, "OPEN-3")), List.of(PVOL)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().event()).isEqualTo(EventCode.EV_INVSTP));
        // EV_ENRMCM: the CCI directory lacks the commands; EV_ENRMPH: the directory is gone.
        provider.close();
        provider = provider(site.installation(Files.createDirectories(dir.resolve("empty-horcm-etc"))));
        assertThatThrownBy(() -> provider.onLoad()).isInstanceOf(ProviderException.class);
        provider.close();
        provider = provider(site.installation(dir.resolve("no-such-HORCM/etc")));
        assertThatThrownBy(() -> provider.onLoad()).isInstanceOf(ProviderException.class);
        // EV_ATTHOR: the instances are shut down.
        provider.close();
        provider = provider(site.installation());
        site.check(Map.of(), "horcmshutdown", "50", "51");
        assertThatThrownBy(() -> provider.onLoad()).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.error().event()).isEqualTo(EventCode.EV_ATTHOR));

        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(eventFile)) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).extracting(n -> n.get("code").asText()).containsExactly("EV_EGETEV", "EV_ENOSUP", "EV_INVSEQ", "EV_ENOOBJ",
                "EV_INVSTP", "EV_ENRMCM", "EV_ENRMPH", "EV_ATTHOR");
        for (JsonNode n : lines) {
            EventCode code = EventCode.valueOf(n.get("code").asText());
            assertThat(n.get("message").asText()).isEqualTo(code.text());
            assertThat(n.get("cause").asText()).isEqualTo(code.cause());
            assertThat(n.get("correction").asText()).isEqualTo(code.correction());
        }
        assertThat(lines.get(0).get("kavx").asText()).startsWith("KAVX5002-E");
        assertThat(lines.get(3).get("message").asText()).isEqualTo("[EV_ENOOBJ] Not found object");
        assertThat(lines.get(4).get("detail").asText()).contains("[EX_INVSTP]");
        assertThat(lines.get(7).get("message").asText()).isEqualTo("[EV_ATTHOR] Can't attach to a HORCM daemon");
        assertThat(lines.get(7).get("detail").asText()).contains("EX_ATTHOR");
    }
}
