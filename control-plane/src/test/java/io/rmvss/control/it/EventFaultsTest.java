package io.rmvss.control.it;

import static io.rmvss.control.grpc.VssProviderMethods.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.StatusRuntimeException;
import io.rmvss.control.events.EventCode;
import io.rmvss.control.grpc.Faults;
import io.rmvss.control.grpc.RpcClient;
import io.rmvss.control.luns.LunInfo;
import io.rmvss.control.luns.StorageIdentifier;
import io.rmvss.control.snapshot.HResult;
import io.rmvss.control.snapshot.TestLuns;
import io.rmvss.proto.v1.*;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The [EV_*] codes that need a fault to appear, each provoked by a real one on the seed's 3.7.2 site (simulated array, real
 * bin/cci, control plane wired as {@code rmvss serve} wires it) and driven over gRPC as rmvssprv.dll drives it: the call's HRESULT
 * is decoded from grpc-status-details-bin, and the event must be in the state directory's events.jsonl with the seed's message,
 * cause and correction (table 3.5) and a detail that names the cause and the fix.
 */
@Timeout(120)
class EventFaultsTest {
    private static final LunInfo PVOL = TestLuns.hitachi(62496, 18, "OPEN-3");
    private static final String PVOL_NAME = "\\\\?\\scsi#disk&ven_hitachi&prod_open-3#1&0f420&0&000012";
    private static final String SVOL_NAME = "\\\\?\\scsi#disk&ven_hitachi&prod_open-3#1&0f420&0&000013";
    private static final DeviceLun PVOL_DEVICE = GrpcSite.device(PVOL_NAME, PVOL);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    SeedSite site;
    GrpcSite grpc;
    RpcClient vss;

    private void open(List<String> daemonOptions, Map<String, String> extraEnv, Duration commandTimeout) throws Exception {
        site = SeedSite.start(dir, daemonOptions);
        Map<String, String> env = new HashMap<>(GrpcSite.env(site, GrpcSite.SEED_ENV));
        env.putAll(extraEnv);
        grpc = GrpcSite.start(site, dir.resolve("state"), env, commandTimeout);
        vss = grpc.client();
    }

    private void open() throws Exception {
        open(List.of(), Map.of(), Duration.ofSeconds(60));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (vss != null) {
            vss.close();
        }
        if (grpc != null) {
            grpc.close();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void enoserHitachiArrayLunWhoseSerialCannotBeAcquired() throws Exception {
        open();
        // Page 0x80 blank: the array serial is in page 0x83, but 3.7.4 requires the unit serial too.
        LunInfo blankSerial = PVOL.withIdentity(PVOL.productRevision(), "    ", PVOL.identifiers(), PVOL.diskSignature());
        assertThat(supported(blankSerial)).isFalse();
        assertThat(landed(EventCode.EV_ENOSER).get("detail").asText()).contains("page 0x80", "blank", "inqraid -CLI $Phy");
        ProviderFault refused = fault(() -> vss.call(BEGIN_PREPARE_SNAPSHOT, BeginPrepareSnapshotRequest.newBuilder()
                .setSnapshotSetId(UUID.randomUUID().toString()).addLuns(GrpcSite.device(PVOL_NAME, blankSerial)).build()));
        assertThat(refused.getHresult()).isEqualTo(HResult.VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER.code());
        assertThat(refused.getEventCode()).isEqualTo("EV_ENOSER");

        // An OPEN-3 LU whose page 0x83 lacks Hitachi's NAA designator: neither serial nor LDEV can be acquired.
        List<StorageIdentifier> vendorOnly = PVOL.identifiers().stream().filter(i -> i.type() != StorageIdentifier.TYPE_FCPH_NAME).toList();
        LunInfo noNaa = PVOL.withIdentity(PVOL.productRevision(), PVOL.serialNumber(), vendorOnly, PVOL.diskSignature());
        assertThat(supported(noNaa)).isFalse();
        assertThat(landed(EventCode.EV_ENOSER).get("detail").asText()).contains("OPEN-3", "page 0x83", "60060e80");

        // A server's own HITACHI-branded drive (HGST, NAA 5000cca...) is not the provider's business: no event.
        long before = eventLines().size();
        StorageIdentifier hgstNaa = new StorageIdentifier(StorageIdentifier.CODE_SET_BINARY, StorageIdentifier.TYPE_FCPH_NAME,
                HexFormat.of().parseHex("5000cca25bc1d3e4"));
        LunInfo hgst = new LunInfo(1, 0, 0, true, 10, "HITACHI ", "HUS724040ALE640 ", "MJAO", "PK1334PCJ9Y1ZS", UUID.randomUUID(), 1,
                List.of(hgstNaa), List.of());
        assertThat(supported(hgst)).isFalse();
        assertThat(eventLines()).hasSize((int) before);
        assertThat(site.statuses()).containsExactly("P-VOL PAIR", "S-VOL PAIR");
    }

    @Test
    void enoinqInquiryThatDidNotAnswerCompletelyOrAnswersForAnotherLdev() throws Exception {
        open();
        LunInfo blankRevision = PVOL.withIdentity("    ", PVOL.serialNumber(), PVOL.identifiers(), PVOL.diskSignature());
        assertThat(supported(blankRevision)).isFalse();
        assertThat(landed(EventCode.EV_ENOINQ).get("detail").asText()).contains("product revision", "check the path to the device");

        // On import, the device VSS names for the S-VOL answers inquiry as the P-VOL (a mis-mapped path).
        String set = UUID.randomUUID().toString();
        create(set);
        LunInformation target = targets().get(0);
        locate(target);
        ProviderFault wrongDevice = fault(() -> vss.call(FILL_IN_LUN_INFO, FillInLunInfoRequest.newBuilder()
                .setLun(DeviceLun.newBuilder().setDevice(PVOL_NAME).setLun(target)).build()));
        assertThat(wrongDevice.getHresult()).isEqualTo(HResult.VSS_E_PROVIDER_VETO.code());
        assertThat(wrongDevice.getEventCode()).isEqualTo("EV_ENOINQ");
        assertThat(landed(EventCode.EV_ENOINQ).get("detail").asText()).contains(PVOL_NAME, "LDEV 18", "LDEV 19", "check the connection");
    }

    @Test
    void eopdevFillInLunInfoOfAnSvolTheHostCannotOpenYet() throws Exception {
        open();
        String set = UUID.randomUUID().toString();
        create(set);
        LunInformation target = targets().get(0);
        DeviceLun svol = DeviceLun.newBuilder().setDevice(SVOL_NAME).setLun(target).build();

        // The S-VOL is still hidden (raidvchkset -vg idb): the host has no such device, inqraid answers EX_ENODEV.
        ProviderFault hidden = fault(() -> vss.call(FILL_IN_LUN_INFO, FillInLunInfoRequest.newBuilder().setLun(svol).build()));
        assertThat(hidden.getHresult()).isEqualTo(HResult.VSS_E_PROVIDER_VETO.code());
        assertThat(hidden.getEventCode()).isEqualTo("EV_EOPDEV");
        assertThat(landed(EventCode.EV_EOPDEV).get("detail").asText()).contains("inqraid " + SVOL_NAME, "[EX_ENODEV]", "rescan",
                "raidvchkset -vg idb");

        // LocateLuns releases it; the same call now finds the device.
        locate(target);
        assertThat(vss.call(FILL_IN_LUN_INFO, FillInLunInfoRequest.newBuilder().setLun(svol).build()).getSupported()).isTrue();
    }

    @Test
    void cmdioeCciCommandThatHangsIsKilled() throws Exception {
        open(List.of("--latency", "pairvolchk=60s"), Map.of(), Duration.ofSeconds(2));
        long started = System.nanoTime();
        ProviderFault hung = fault(() -> vss.call(BEGIN_PREPARE_SNAPSHOT, BeginPrepareSnapshotRequest.newBuilder()
                .setSnapshotSetId(UUID.randomUUID().toString()).addLuns(PVOL_DEVICE).build()));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(hung.getHresult()).isEqualTo(HResult.VSS_E_PROVIDER_VETO.code());
        assertThat(hung.getEventCode()).isEqualTo("EV_CMDIOE");
        assertThat(landed(EventCode.EV_CMDIOE).get("detail").asText()).contains("pairvolchk -g snap -ss", "did not finish within 2 s",
                "killed");
        assertThat(site.statuses()).containsExactly("P-VOL PAIR", "S-VOL PAIR");
    }

    @Test
    void cmdioeArrayDaemonKilledWhileACommandIsInFlight() throws Exception {
        open(List.of("--latency", "pairvolchk=60s"), Map.of(), Duration.ofSeconds(60));
        CompletableFuture<ProviderFault> call = CompletableFuture.supplyAsync(() -> fault(() -> vss.call(BEGIN_PREPARE_SNAPSHOT,
                BeginPrepareSnapshotRequest.newBuilder().setSnapshotSetId(UUID.randomUUID().toString()).addLuns(PVOL_DEVICE).build())));
        // The array is killed once the provider's pairvolchk is running (a child of this JVM, waiting on the daemon; /proc shows
        // the front end's executable, so it is known by its arguments).
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ProcessHandle.current().descendants().noneMatch(p -> p.info().commandLine().orElse("").endsWith(" -g snap -ss"))) {
            assertThat(System.nanoTime()).as("pairvolchk started").isLessThan(deadline);
            Thread.onSpinWait();
        }
        site.killDaemon();
        ProviderFault lost = call.get(30, TimeUnit.SECONDS);
        assertThat(lost.getHresult()).isEqualTo(HResult.VSS_E_PROVIDER_VETO.code());
        assertThat(lost.getEventCode()).isEqualTo("EV_CMDIOE");
        assertThat(landed(EventCode.EV_CMDIOE).get("detail").asText()).contains("pairvolchk -g snap -ss exited 255", "[EX_COMERR]",
                "closed the connection");
    }

    @Test
    void exceptJournalHeldByAnotherProcessVetoesPreCommitAndSplitsNothing() throws Exception {
        open();
        String set = UUID.randomUUID().toString();
        vss.call(BEGIN_PREPARE_SNAPSHOT, BeginPrepareSnapshotRequest.newBuilder().setSnapshotSetId(set).addLuns(PVOL_DEVICE).build());
        vss.call(END_PREPARE_SNAPSHOTS, EndPrepareSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
        Path journal = grpc.state.resolve("journal.db");
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + journal); Statement s = other.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            ProviderFault locked = fault(() -> vss.call(PRE_COMMIT_SNAPSHOTS, PreCommitSnapshotsRequest.newBuilder().setSnapshotSetId(set)
                    .build()));
            assertThat(locked.getHresult()).isEqualTo(HResult.VSS_E_PROVIDER_VETO.code());
            assertThat(locked.getEventCode()).isEqualTo("EV_EXCEPT");
            assertThat(landed(EventCode.EV_EXCEPT).get("detail").asText()).contains(journal.toString(), "locked",
                    "stop any other process that holds it");
            assertThat(site.statuses()).as("nothing was split").containsExactly("P-VOL PAIR", "S-VOL PAIR");
            s.execute("ROLLBACK");
        }
        vss.call(ABORT_SNAPSHOTS, AbortSnapshotsRequest.newBuilder().setSnapshotSetId(set).build());
        assertThat(site.statuses()).containsExactly("P-VOL PAIR", "S-VOL PAIR");
    }

    @Test
    void invargMalformedLunsAndTooManyLuns() throws Exception {
        open();
        DeviceLun badSignature = DeviceLun.newBuilder().setDevice(PVOL_NAME)
                .setLun(PVOL_DEVICE.getLun().toBuilder().setDiskSignature("not-a-guid")).build();
        ProviderFault malformed = fault(() -> vss.call(ARE_LUNS_SUPPORTED, AreLunsSupportedRequest.newBuilder().addLuns(badSignature).build()));
        assertThat(malformed.getHresult()).isEqualTo(HResult.E_INVALIDARG.code());
        assertThat(landed(EventCode.EV_INVARG).get("detail").asText()).contains("'not-a-guid'", "xxxxxxxx-xxxx");

        BeginPrepareSnapshotRequest.Builder tooMany = BeginPrepareSnapshotRequest.newBuilder().setSnapshotSetId(UUID.randomUUID().toString());
        for (int ldev = 100; ldev < 165; ldev++) {
            tooMany.addLuns(GrpcSite.device("\\\\?\\scsi#disk&ven_hitachi&prod_open-3#1&0f420&0&" + String.format("%06x", ldev),
                    TestLuns.hitachi(62496, ldev, "OPEN-3")));
        }
        ProviderFault limit = fault(() -> vss.call(BEGIN_PREPARE_SNAPSHOT, tooMany.build()));
        assertThat(limit.getHresult()).isEqualTo(HResult.VSS_E_MAXIMUM_NUMBER_OF_VOLUMES_REACHED.code());
        assertThat(limit.getEventCode()).isEqualTo("EV_INVARG");
        assertThat(landed(EventCode.EV_INVARG).get("detail").asText()).contains("at most 64", "65");

        DeviceLun localDisk = GrpcSite.device("\\\\?\\scsi#disk&ven_ibm-esxs&prod_l040l2#0&00000&0&000003",
                TestLuns.local("IBM-ESXS", "L040L2"));
        ProviderFault notOurs = fault(() -> vss.call(ON_LUN_EMPTY, OnLunEmptyRequest.newBuilder().setLun(localDisk).build()));
        assertThat(notOurs.getHresult()).isEqualTo(HResult.E_INVALIDARG.code());
        assertThat(landed(EventCode.EV_INVARG).get("detail").asText()).contains("OnLunEmpty", "without Hitachi inquiry data");
        assertThat(site.statuses()).containsExactly("P-VOL PAIR", "S-VOL PAIR");
    }

    @Test
    void esetevEnvironmentTheCciCommandCannotBeGiven() throws Exception {
        // HORCM_ETC is passed on to every CCI command; one over Linux's 128 KiB per variable makes execve fail with E2BIG.
        open(List.of(), Map.of("HORCM_ETC", "/" + "h".repeat(200_000)), Duration.ofSeconds(60));
        ProviderFault refused = fault(() -> vss.call(ON_LOAD, OnLoadRequest.getDefaultInstance()));
        assertThat(refused.getHresult()).isEqualTo(HResult.VSS_E_PROVIDER_VETO.code());
        assertThat(refused.getEventCode()).isEqualTo("EV_ESETEV");
        assertThat(landed(EventCode.EV_ESETEV).get("detail").asText()).contains("HORCM_ETC is 200012 bytes", "131072 bytes",
                "32767 characters", "error=7", "restart the service");
    }

    // ---------------------------------------------------------------- helpers

    private boolean supported(LunInfo lun) {
        return vss.call(ARE_LUNS_SUPPORTED, AreLunsSupportedRequest.newBuilder().addLuns(GrpcSite.device(PVOL_NAME, lun)).build())
                .getSupported();
    }

    private void create(String set) {
        VssStep.POST_FINAL_COMMIT_SNAPSHOTS.runThrough(vss, set);
    }

    private List<LunInformation> targets() {
        return vss.call(GET_TARGET_LUNS, GetTargetLunsRequest.newBuilder().addSources(PVOL_DEVICE).build()).getTargetsList();
    }

    private void locate(LunInformation target) {
        vss.call(LOCATE_LUNS, LocateLunsRequest.newBuilder().addSources(target).build());
    }

    /** The ProviderFault of a call that must fail, decoded from grpc-status-details-bin as the DLL decodes it. */
    private static ProviderFault fault(Executable call) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::execute);
        assertThat(e).as("the call fails").isNotNull();
        ProviderFault fault = Faults.faultOf(e).orElseThrow();
        EventCode code = EventCode.valueOf(fault.getEventCode());
        assertThat(fault.getMessage()).isEqualTo(code.text());
        return fault;
    }

    private List<JsonNode> eventLines() throws Exception {
        Path file = grpc.state.resolve("events.jsonl");
        List<JsonNode> lines = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** The last event of {@code code} in events.jsonl, which must carry the seed's message, cause and correction. */
    private JsonNode landed(EventCode code) throws Exception {
        List<JsonNode> lines = eventLines().stream().filter(n -> n.get("code").asText().equals(code.name())).toList();
        assertThat(lines).as(code + " in events.jsonl").isNotEmpty();
        JsonNode n = lines.get(lines.size() - 1);
        assertThat(n.get("message").asText()).isEqualTo(code.text());
        assertThat(n.get("cause").asText()).isEqualTo(code.cause());
        assertThat(n.get("correction").asText()).isEqualTo(code.correction());
        assertThat(n.get("detail").asText()).isNotBlank();
        return n;
    }
}
