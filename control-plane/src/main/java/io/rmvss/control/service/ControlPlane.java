package io.rmvss.control.service;

import io.rmvss.control.cci.CciInstallation;
import io.rmvss.control.cci.CommandCciDriver;
import io.rmvss.control.config.ProviderConfig;
import io.rmvss.control.config.SystemEnvironment;
import io.rmvss.control.events.EventException;
import io.rmvss.control.events.EventSink;
import io.rmvss.control.events.Events;
import io.rmvss.control.events.JsonLinesEventSink;
import io.rmvss.control.events.ProviderEvent;
import io.rmvss.control.events.SystemLogEventSink;
import io.rmvss.control.journal.Journal;
import io.rmvss.control.journal.SetRecord;
import io.rmvss.control.journal.SqliteJournal;
import io.rmvss.control.snapshot.CrashRecovery;
import io.rmvss.control.snapshot.HResult;
import io.rmvss.control.snapshot.ProviderError;
import io.rmvss.control.snapshot.ProviderException;
import io.rmvss.control.snapshot.ProviderSettings;
import io.rmvss.control.snapshot.SnapshotProvider;
import io.rmvss.control.windows.EventLogSink;
import io.rmvss.control.windows.RegistrySystemEnvironment;
import io.rmvss.control.windows.Windows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The control plane as {@code rmvss serve} runs it, without its transport: the provider configuration read from the service's
 * environment (on Windows compared with the registry's system environment, to tell a value set but not yet effective), the CCI
 * driver, the SQLite journal, the event sinks (a JSON-lines file in the state directory, and the system log: the Application
 * Event Log on Windows)
 * and crash recovery, run once before the first call is served.
 * <p>
 * A misconfigured environment (VSHTCH* missing or invalid) does not stop the control plane: it is reported once at start as
 * [EV_EGETEV] with the seed's KAVX text, every provider call then fails with it (and reports it again, as the DLL's call would),
 * and {@link #configurationError()} shows it to the admin service. When crash recovery cannot run (e.g. the HORCM instance is not
 * started) it is reported and tried again before the next provider call.
 */
public final class ControlPlane implements AutoCloseable {
    /** The provider version the admin service reports (the seed's RM Shadow Copy Provider version). */
    public static final String VERSION = "01-01-03/02";

    /**
     * @param env        the service's environment (VSHTCH*, RMVSS_ARRAY, HORCM_ETC)
     * @param commandDir where the CCI commands are (a site's HORCM\etc; bin/cci here)
     * @param workDir    the commands' working directory (where horcmN.conf are, unless HORCM_ETC says otherwise)
     * @param stateDir   journal.db and events.jsonl (and the transport's token and port files)
     */
    public record Options(Map<String, String> env, Path commandDir, Path workDir, Path stateDir, ProviderSettings settings,
                          Duration commandTimeout, boolean systemLog) {
    }

    private final Options options;
    private final Events events;
    private final Journal journal;
    private final SnapshotProvider provider;
    private final CommandCciDriver cci;
    private final ProviderEvent configError;
    private CrashRecovery.Report recovery;
    private String recoveryError;

    private ControlPlane(Options options, Events events, Journal journal, SnapshotProvider provider, CommandCciDriver cci,
                         ProviderEvent configError) {
        this.options = options;
        this.events = events;
        this.journal = journal;
        this.provider = provider;
        this.cci = cci;
        this.configError = configError;
    }

    public static ControlPlane open(Options o) throws IOException {
        Files.createDirectories(o.stateDir());
        List<EventSink> sinks = new ArrayList<>();
        sinks.add(new JsonLinesEventSink(o.stateDir().resolve("events.jsonl")));
        if (o.systemLog()) {
            sinks.add(Windows.running() ? new EventLogSink() : new SystemLogEventSink());
        }
        Events events = new Events(sinks);
        Journal journal = new SqliteJournal(o.stateDir().resolve("journal.db"));
        Map<String, String> cciEnv = new HashMap<>();
        for (String name : List.of("RMVSS_ARRAY", "HORCM_ETC")) {
            String v = o.env().get(name);
            if (v != null && !v.isBlank()) {
                cciEnv.put(name, v);
            }
        }
        CommandCciDriver cci = new CommandCciDriver(new CciInstallation(o.commandDir(), o.workDir(), cciEnv, o.commandTimeout()));
        ProviderConfig config;
        SystemEnvironment system = Windows.running() ? new RegistrySystemEnvironment() : SystemEnvironment.none();
        for (String pending : ProviderConfig.notYetEffective(o.env(), system)) {
            System.err.println("rmvss: " + pending);
        }
        try {
            config = ProviderConfig.fromEnvironment(o.env(), system);
        } catch (EventException e) {
            events.report(e.event());
            return new ControlPlane(o, events, journal, null, cci, e.event());
        }
        SnapshotProvider provider = new SnapshotProvider(config, o.settings(), cci, events, journal);
        ControlPlane plane = new ControlPlane(o, events, journal, provider, cci, null);
        try {
            plane.recover();
        } catch (ProviderException e) {
            // reported; kept in recoveryError() and tried again before the next provider call
        }
        return plane;
    }

    /** The provider, after crash recovery; a misconfigured environment fails the call with [EV_EGETEV] and the KAVX text. */
    public SnapshotProvider provider() {
        if (provider == null) {
            events.report(ProviderEvent.of(configError.code(), configError.detail()).withKavx(configError.kavx()));
            throw new ProviderException(new ProviderError(HResult.VSS_E_PROVIDER_VETO, configError.code(), configurationError().orElseThrow()));
        }
        if (recovery == null) {
            recover();
        }
        return provider;
    }

    private synchronized void recover() {
        if (recovery != null) {
            return;
        }
        try {
            recovery = CrashRecovery.run(provider, journal, cci);
            recoveryError = null;
        } catch (EventException e) {
            events.report(e.event());
            recoveryError = e.event().code().text() + ": " + e.event().detail();
            throw new ProviderException(new ProviderError(HResult.VSS_E_PROVIDER_VETO, e.code(),
                    "crash recovery could not run: " + e.event().detail()));
        }
    }

    /** What crash recovery did, once it has run. */
    public Optional<CrashRecovery.Report> recovery() {
        return Optional.ofNullable(recovery);
    }

    public Optional<String> recoveryError() {
        return Optional.ofNullable(recoveryError);
    }

    /** The EV/KAVX text when the environment is unusable: "[EV_EGETEV] ...: detail KAVX5003-E ...". */
    public Optional<String> configurationError() {
        if (configError == null) {
            return Optional.empty();
        }
        return Optional.of(configError.code().text() + ": " + configError.detail()
                + (configError.kavx() == null ? "" : " " + configError.kavx()));
    }

    public Optional<ProviderConfig> config() {
        return provider == null ? Optional.empty() : Optional.of(provider.config());
    }

    /** The provider without recovery or configuration checks, for the admin service; empty when misconfigured. */
    public Optional<SnapshotProvider> providerIfConfigured() {
        return Optional.ofNullable(provider);
    }

    public Events events() { return events; }

    /** Every snapshot set the journal holds, including those ended before this process started (aborted, deleted). */
    public List<SetRecord> journalledSets() {
        return journal.sets();
    }

    public Path commandDir() { return options.commandDir(); }

    public Path stateDir() { return options.stateDir(); }

    @Override
    public void close() {
        if (provider != null) {
            provider.close();
        }
        journal.close();
    }
}
