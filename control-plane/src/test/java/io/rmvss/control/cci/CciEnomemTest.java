package io.rmvss.control.cci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rmvss.control.config.ProviderConfig;
import io.rmvss.control.events.EventCode;
import io.rmvss.control.events.Events;
import io.rmvss.control.events.JsonLinesEventSink;
import io.rmvss.control.journal.MemoryJournal;
import io.rmvss.control.snapshot.HResult;
import io.rmvss.control.snapshot.ProviderException;
import io.rmvss.control.snapshot.ProviderSettings;
import io.rmvss.control.snapshot.SnapshotProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * [EV_ENOMEM]: CCI's EX_ENOMEM (exit 245, "Not enough core") reaches VSS as E_OUTOFMEMORY with the seed's text in the event file.
 * <p>
 * This checks the mapping of CCI's answer; the shortage itself is provoked for real at system level in
 * {@code FaultSuiteTest.addressSpaceExhaustedDuringCommitAndOnLoad}, where {@code rmvss serve}'s address space is capped so that
 * it cannot start its CCI commands. A CCI command that itself runs out of memory is not produced there: the simulated array's
 * front end exits 245 only when its request buffer cannot be allocated, a window of a few hundred KiB between "the loader
 * cannot map libc" and "the request fits" on that one short-lived process. So the command directory holds a {@code raidqry} that
 * answers as CCI does when it cannot allocate: both the [EX_ENOMEM] line CCI prints and the bare exit code with only the C
 * library's message (rmvss-cci's own malloc failure). Everything after the command's exit is the real path.
 */
class CciEnomemTest {
    private static final Map<String, String> SEED_ENV = Map.of("VSHTCHORCMINST_LOCAL", "50", "VSHTCHOMRCF_MUN", "2");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"raidqry: [EX_ENOMEM] Not enough core", "rmvss-cci: Cannot allocate memory"})
    void exEnomemIsEvEnomemAndEOutOfMemory(String said) throws Exception {
        Path commands = Files.createDirectories(dir.resolve("HORCM/etc"));
        Path raidqry = commands.resolve("raidqry");
        Files.writeString(raidqry, "#!/bin/sh\necho '" + said + "' >&2\nexit 245\n");
        Files.setPosixFilePermissions(raidqry, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path eventFile = dir.resolve("events.jsonl");
        CommandCciDriver cci = new CommandCciDriver(new CciInstallation(commands, dir, Map.of(), Duration.ofSeconds(30)));
        try (SnapshotProvider provider = new SnapshotProvider(ProviderConfig.fromEnvironment(SEED_ENV), ProviderSettings.defaults(), cci,
                new Events(List.of(new JsonLinesEventSink(eventFile))), new MemoryJournal())) {
            ProviderException e = catchThrowableOfType(ProviderException.class, provider::onLoad);
            assertThat(e.error().hresult()).isEqualTo(HResult.E_OUTOFMEMORY);
            assertThat(e.error().event()).isEqualTo(EventCode.EV_ENOMEM);
        }
        List<String> lines = Files.readAllLines(eventFile);
        assertThat(lines).hasSize(1);
        JsonNode n = new ObjectMapper().readTree(lines.get(0));
        assertThat(n.get("message").asText()).isEqualTo("[EV_ENOMEM] The memory is insufficient");
        assertThat(n.get("cause").asText()).isEqualTo(EventCode.EV_ENOMEM.cause());
        assertThat(n.get("detail").asText()).contains("raidqry -g exited 245", said, "free memory");
    }
}
