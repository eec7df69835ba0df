package io.rmvss.control.snapshot;

import io.rmvss.control.cci.CciDriver;
import io.rmvss.control.cci.DeviceInquiry;
import io.rmvss.control.cci.VolumeState;
import io.rmvss.control.config.ProviderConfig;
import io.rmvss.control.events.EventCode;
import io.rmvss.control.events.EventException;
import io.rmvss.control.events.Events;
import io.rmvss.control.events.ProviderEvent;
import io.rmvss.control.journal.Journal;
import io.rmvss.control.journal.OperationKind;
import io.rmvss.control.journal.SetRecord;
import io.rmvss.control.luns.HitachiIdentity;
import io.rmvss.control.luns.LunClaim;
import io.rmvss.control.luns.LunIndex;
import io.rmvss.control.luns.LunInfo;
import io.rmvss.control.luns.PairBinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The VSS hardware provider's behaviour: the snapshot-set state machine over CCI copy groups.
 * One method per IVssHardwareSnapshotProvider(Ex) / IVssProviderCreateSnapshotSet call; a failed call
 * throws {@link ProviderException} with the HRESULT to return and the [EV_*] code, which has been
 * reported (or queued, while writes are frozen).
 * <p>
 * The coordinator's order is enforced strictly (else [EV_INVSEQ], VSS_E_BAD_STATE); an unknown set is
 * [EV_ENOOBJ], VSS_E_OBJECT_NOT_FOUND. BeginPrepareSnapshot starts any resync a pair needs, EndPrepare
 * waits for PAIR, PreCommit journals the splits and freezes event writing, CommitSnapshots quick-splits
 * every copy group in parallel within the commit deadline or rolls back and vetoes, PostCommit thaws.
 * The unit of pair operations is the copy group (dev_group): a group's pairs split and resync together.
 */
public final class SnapshotProvider implements AutoCloseable {
    private static final String KAVX5004 = "KAVX5004-E A timeout error occurred in the writer. Possible causes: it took a long time to split"
            + " a volume pair because the storage group uses many disks, or because the system was heavily loaded."
            + " Check the disk configuration by referring to the notes about backup by VSS.";

    private final ProviderConfig config;
    private final ProviderSettings settings;
    private final CciDriver cci;
    private final LunIndex index;
    private final Events events;
    private final Journal journal;
    private final Map<String, SnapshotSet> sets = new ConcurrentHashMap<>();
    private static final int KEPT_RESYNCS = 64;
    private final Map<String, ResyncStatus> resyncs = new ConcurrentHashMap<>();
    private final Queue<String> finishedResyncs = new ConcurrentLinkedQueue<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("rmvss-cci"));
    private final ScheduledExecutorService timer = freezeTimer();
    private final AtomicInteger resyncNumber = new AtomicInteger();
    /** Guards freezeGuard only: a leaf lock, so PreCommit/PostCommit may take it while holding their set's lock. */
    private final Object freezeLock = new Object();
    private ScheduledFuture<?> freezeGuard;

    public SnapshotProvider(ProviderConfig config, ProviderSettings settings, CciDriver cci, Events events, Journal journal) {
        this.config = config;
        this.settings = settings;
        this.cci = cci;
        this.events = events;
        this.journal = journal;
        this.index = new LunIndex(cci, config.localInstance(), config.mu());
    }

    public ProviderConfig config() { return config; }

    public LunIndex index() { return index; }

    // ---------------------------------------------------------------- IVssProviderNotifications

    /** OnLoad: learn the pairs of the local instance (fails with [EV_ATTHOR] when it is not started). */
    public void onLoad() {
        call(null, () -> {
            index.refresh();
            return null;
        });
    }

    public void onUnload(boolean force) {
        // Nothing is held for the coordinator between calls; sets stay journalled.
    }

    // ---------------------------------------------------------------- IVssHardwareSnapshotProvider

    /**
     * All or nothing: true when every LUN is a Hitachi LUN (3.7.4 inquiry data), not a command device, a P-VOL of the local
     * instance at the configured MU# and in no other live set. Non-Hitachi LUNs are refused silently (VSS asks every provider).
     */
    public boolean areLunsSupported(List<LunInfo> luns, long context) {
        return call(null, () -> {
            retryFailedRollbacks();
            boolean refreshed = false;
            for (LunInfo lun : luns) {
                Optional<HitachiIdentity> id = claim(lun);
                if (id.isEmpty()) {
                    return false;
                }
                if (id.get().commandDevice()) {
                    report(null, EventCode.EV_ENOSUP, "LDEV " + id.get().ldev() + " of array " + id.get().serial()
                            + " (" + lun.productId().strip() + ") is a command device");
                    return false;
                }
                Optional<PairBinding> b = index.byPvol(id.get().serial(), id.get().ldev());
                if ((b.isEmpty() || !b.get().pvol()) && !refreshed) {
                    index.refresh();
                    refreshed = true;
                    b = index.byPvol(id.get().serial(), id.get().ldev());
                }
                if (b.isEmpty()) {
                    report(null, EventCode.EV_ENOSUP, notInInstance(id.get()));
                    return false;
                }
                if (!b.get().pvol()) {
                    report(null, EventCode.EV_INVSTP, "LDEV " + id.get().ldev() + " is " + b.get().localAttribute() + " in copy group "
                            + b.get().group() + " of instance " + config.localInstance() + " at MU#" + config.mu()
                            + ", not a P-VOL; create the pair (paircreate -g " + b.get().group() + " -vl) first");
                    return false;
                }
                Optional<SnapshotSet> owner = ownerOf(SnapshotSet.key(id.get().serial(), id.get().ldev()), null);
                if (owner.isPresent()) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * FillInLunInfo: true for an S-VOL of a live set (import, delete) or a P-VOL this provider supports, once the device VSS names
     * answers inquiry as that LUN ({@code inqraid <device> -CLI}, as the seed's provider opens and inquires the device): a device
     * the host cannot open is [EV_EOPDEV] (e.g. the S-VOL is still hidden by raidvchkset -vg idb), one that answers as another
     * LDEV or without Hitachi identity is [EV_ENOINQ]. VSS ignores this call's HRESULT (Windows Server 2008 on); the event is what
     * the administrator sees.
     */
    public boolean fillInLunInfo(String device, LunInfo lun) {
        return call(null, () -> {
            Optional<HitachiIdentity> id = claim(lun);
            if (id.isEmpty() || id.get().commandDevice()) {
                return false;
            }
            boolean ours = findBySvol(id.get()).isPresent() || index.bySvol(id.get().serial(), id.get().ldev()).isPresent()
                    || index.byPvol(id.get().serial(), id.get().ldev()).map(PairBinding::pvol).orElse(false);
            if (ours) {
                DeviceInquiry answer = cci.inquire(device);
                if (answer.serial() != id.get().serial() || answer.ldev() != id.get().ldev()) {
                    throw new EventException(EventCode.EV_ENOINQ, "the inquiry to device " + device + " answers "
                            + (answer.hitachi() ? "LDEV " + answer.ldev() + " of array " + answer.serial() : "no Hitachi serial and LDEV")
                            + " (" + answer.productId() + "), but VSS named it for LDEV " + id.get().ldev() + " of array "
                            + id.get().serial() + "; check the connection to the device (multipath, LUN mapping) and rescan the disks");
                }
            }
            return ours;
        });
    }

    public void beginPrepareSnapshot(String setId, String snapshotId, long context, List<LunInfo> luns) {
        call(setId, () -> {
            synchronized (this) {
                SnapshotSet set = sets.get(setId);
                if (set == null) {
                    refuseEnded(setId, "BeginPrepareSnapshot");
                    retryFailedRollbacks();
                    // A new set ID starts a new set; one still being prepared (nothing split yet) is abandoned.
                    for (SnapshotSet other : sets.values()) {
                        synchronized (other) {
                            if (other.state == SetState.PREPARING || other.state == SetState.PREPARED) {
                                other.state = SetState.ABORTED;
                                save(other);
                            }
                        }
                    }
                    set = new SnapshotSet(setId);
                    sets.put(setId, set);
                } else if (set.state != SetState.PREPARING) {
                    throw sequence(set, "BeginPrepareSnapshot");
                }
                Map<String, HitachiIdentity> wanted = new LinkedHashMap<>();
                for (LunInfo lun : luns) {
                    LunClaim claim = LunClaim.of(lun);
                    if (claim instanceof LunClaim.Faulty f) {
                        throw error(setId, HResult.VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER, f.code(), f.detail());
                    }
                    if (!(claim instanceof LunClaim.Ours ours)) {
                        throw error(setId, HResult.VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER, EventCode.EV_ENOSUP, "a LUN of vendor '"
                                + lun.vendorId() + "' product '" + lun.productId() + "' is no Hitachi array LUN (vendor HITACHI,"
                                + " page 0x83 NAA 60060e80...)");
                    }
                    HitachiIdentity id = ours.id();
                    if (id.commandDevice()) {
                        throw error(setId, HResult.VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER, EventCode.EV_ENOSUP,
                                "LDEV " + id.ldev() + " is a command device");
                    }
                    String key = SnapshotSet.key(id.serial(), id.ldev());
                    if (!set.members.containsKey(key)) {
                        wanted.putIfAbsent(key, id);
                    }
                }
                // VSS's limit is on the coordinator's argument: checked before any LUN is looked up in CCI.
                if (set.members.size() + wanted.size() > settings.maxLunsPerSet()) {
                    throw error(setId, HResult.VSS_E_MAXIMUM_NUMBER_OF_VOLUMES_REACHED, EventCode.EV_INVARG, "a snapshot set holds at most "
                            + settings.maxLunsPerSet() + " LUNs (VSS's limit); BeginPrepareSnapshot for set " + setId + " would make it "
                            + (set.members.size() + wanted.size()) + ". Split the backup into sets of at most " + settings.maxLunsPerSet()
                            + " volumes' LUNs");
                }
                Map<String, SnapshotSet.Member> added = new LinkedHashMap<>();
                for (Map.Entry<String, HitachiIdentity> w : wanted.entrySet()) {
                    HitachiIdentity id = w.getValue();
                    PairBinding pair = index.byPvol(id.serial(), id.ldev()).filter(PairBinding::pvol)
                            .orElseThrow(() -> error(setId, HResult.VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER, EventCode.EV_ENOSUP, notInInstance(id)));
                    Optional<SnapshotSet> owner = ownerOf(w.getKey(), setId);
                    if (owner.isPresent()) {
                        throw error(setId, HResult.VSS_E_PROVIDER_VETO, EventCode.EV_INVSTP, "LDEV " + id.ldev() + " (copy group " + pair.group()
                                + ") already holds the shadow copy of snapshot set " + owner.get().id + " (" + owner.get().state
                                + "); delete that shadow copy first");
                    }
                    added.put(w.getKey(), new SnapshotSet.Member(snapshotId, pair));
                }
                List<String> newGroups = new ArrayList<>();
                for (SnapshotSet.Member m : added.values()) {
                    if (!set.groups().contains(m.pair().group()) && !newGroups.contains(m.pair().group())) {
                        newGroups.add(m.pair().group());
                    }
                }
                set.members.putAll(added);
                save(set);
                final SnapshotSet s = set;
                parallel(newGroups, group -> startResyncIfNeeded(s, group));
                return null;
            }
        });
    }

    public void endPrepareSnapshots(String setId) {
        call(setId, () -> {
            SnapshotSet set = existing(setId, "EndPrepareSnapshots");
            synchronized (set) {
                expect(set, SetState.PREPARING, "EndPrepareSnapshots");
                parallel(set.groups(), group -> {
                    if (!cci.await(config.localInstance(), group, "pair", settings.prepareTimeout())) {
                        throw new EventException(EventCode.EV_INVSTP, "copy group " + group + " did not reach PAIR within "
                                + settings.prepareTimeout().toSeconds() + " s; check it with pairdisplay -g " + group + " -fc");
                    }
                });
                set.state = SetState.PREPARED;
                save(set);
                return null;
            }
        });
    }

    /** Journals the splits CommitSnapshots will issue (no disk I/O during flush-and-hold) and stops event writing. */
    public void preCommitSnapshots(String setId) {
        call(setId, () -> {
            SnapshotSet set = existing(setId, "PreCommitSnapshots");
            synchronized (set) {
                expect(set, SetState.PREPARED, "PreCommitSnapshots");
                set.state = SetState.PRECOMMITTED;
                save(set);
                for (String group : set.groups()) {
                    set.splitOperations.put(group, journal.intend(set.id, group, OperationKind.SPLIT));
                }
                freezeEvents();
                return null;
            }
        });
    }

    /** Quick-splits every copy group in parallel; past the deadline or on a failure, rolls back and vetoes. */
    public void commitSnapshots(String setId) {
        call(setId, () -> {
            SnapshotSet set = existing(setId, "CommitSnapshots");
            synchronized (set) {
                expect(set, SetState.PRECOMMITTED, "CommitSnapshots");
                List<String> groups = set.groups();
                set.split.addAll(groups);
                List<CompletableFuture<Void>> splits = new ArrayList<>();
                for (String group : groups) {
                    splits.add(CompletableFuture.runAsync(() -> cci.split(config.localInstance(), group), workers));
                }
                CompletableFuture<Void> all = CompletableFuture.allOf(splits.toArray(CompletableFuture[]::new));
                long started = System.nanoTime();
                try {
                    all.get(settings.commitDeadline().toMillis(), TimeUnit.MILLISECONDS);
                    set.state = SetState.COMMITTED;
                    save(set);
                    return null;
                } catch (TimeoutException e) {
                    long done = splits.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
                    set.state = SetState.COMMIT_FAILED;
                    save(set);
                    set.rollback = all.handle((v, t) -> null).thenRunAsync(() -> rollback(set), workers);
                    throw error(setId, HResult.VSS_E_PROVIDER_VETO, EventCode.EV_CMDIOE, "the quick split of " + groups.size()
                            + " copy group(s) " + groups + " did not complete within the commit deadline of "
                            + settings.commitDeadline().toMillis() + " ms (" + done + " done after "
                            + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms); the split pairs are being resynchronised."
                            + " Use at most 8 copy groups per storage group (seed 2.3.5, table 2.2) or reduce the load on the array",
                            KAVX5004);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    set.state = SetState.COMMIT_FAILED;
                    save(set);
                    set.rollback = all.handle((v, t) -> null).thenRunAsync(() -> rollback(set), workers);
                    throw error(setId, HResult.VSS_E_PROVIDER_VETO, EventCode.EV_EXCEPT, "CommitSnapshots was interrupted; the set is rolled back");
                } catch (java.util.concurrent.ExecutionException e) {
                    set.state = SetState.COMMIT_FAILED;
                    save(set);
                    set.rollback = all.handle((v, t) -> null).thenRunAsync(() -> rollback(set), workers);
                    EventException cause = e.getCause() instanceof EventException ee ? ee
                            : new EventException(EventCode.EV_EXCEPT, String.valueOf(e.getCause()));
                    throw error(setId, failure(cause.code()), cause.code(), "the quick split failed, the snapshot set is rolled back: "
                            + cause.event().detail());
                }
            }
        });
    }

    public void postCommitSnapshots(String setId, long snapshotCount) {
        call(setId, () -> {
            SnapshotSet set = existing(setId, "PostCommitSnapshots");
            synchronized (set) {
                expect(set, SetState.COMMITTED, "PostCommitSnapshots");
                set.state = SetState.POSTCOMMITTED;
                set.splitOperations.forEach((group, id) -> journal.finish(id, true, "quick split"));
                set.splitOperations.clear();
                save(set);
            }
            // Outside the set's lock: thawing journals other sets' queued saves, each under its own lock.
            thawEvents();
            return null;
        });
    }

    public void preFinalCommitSnapshots(String setId) {
        step(setId, SetState.POSTCOMMITTED, SetState.PREFINAL, "PreFinalCommitSnapshots");
    }

    public void postFinalCommitSnapshots(String setId) {
        step(setId, SetState.PREFINAL, SetState.CREATED, "PostFinalCommitSnapshots");
    }

    /** Abort: any step of creation; resynchronises whatever was split. An aborted set may be aborted again. */
    public void abortSnapshots(String setId) {
        call(setId, () -> {
            if (!sets.containsKey(setId) && journal.set(setId).filter(r -> r.state().equals(SetState.ABORTED.name())).isPresent()) {
                return null;
            }
            SnapshotSet set = existing(setId, "AbortSnapshots");
            thawEvents();
            CompletableFuture<Void> pending;
            synchronized (set) {
                pending = set.rollback;
            }
            // The rollback of a vetoed commit takes the set's lock itself: wait for it outside.
            pending.join();
            synchronized (set) {
                if (set.state == SetState.ABORTED) {
                    return null;
                }
                if (!set.state.creating()) {
                    throw sequence(set, "AbortSnapshots");
                }
                EventException failed = set.split.isEmpty() ? null : rollback(set);
                set.splitOperations.forEach((group, id) -> journal.finish(id, false, "aborted before the split was issued"));
                set.splitOperations.clear();
                if (!set.split.isEmpty()) {
                    // The resync failed (reported): the set keeps owning its split pairs until a retry succeeds.
                    set.state = SetState.COMMIT_FAILED;
                    save(set);
                    throw new ProviderException(new ProviderError(HResult.VSS_E_PROVIDER_VETO, failed == null ? EventCode.EV_EXCEPT : failed.code(),
                            "the split copy group(s) " + set.split + " of snapshot set " + setId + " could not be resynchronised"
                                    + (failed == null ? "" : ": " + failed.event().detail()) + "; the set keeps them, and the rollback is"
                                    + " tried again at the next AreLunsSupported or BeginPrepareSnapshot, or when the control plane restarts"));
                }
                set.state = SetState.ABORTED;
                save(set);
                return null;
            }
        });
    }

    /**
     * The S-VOL's LUN information for each source (P-VOL): the source's standard inquiry data with its revision and its
     * page 0x80 serial number (3.7.4: identical between P-VOL and S-VOL), the S-VOL's page 0x83 designator, disk signature GUID_NULL.
     */
    public List<LunInfo> getTargetLuns(List<LunInfo> sources) {
        return call(null, () -> {
            List<LunInfo> targets = new ArrayList<>();
            for (LunInfo source : sources) {
                HitachiIdentity id = HitachiIdentity.of(source).orElseThrow(() -> error(null, HResult.E_INVALIDARG, EventCode.EV_INVARG,
                        "GetTargetLuns was given a LUN without Hitachi inquiry data"));
                String key = SnapshotSet.key(id.serial(), id.ldev());
                SnapshotSet set = sets.values().stream().filter(s -> s.state.live() && s.members.containsKey(key) && !s.split.isEmpty())
                        .findFirst().orElseThrow(() -> error(null, HResult.VSS_E_OBJECT_NOT_FOUND, EventCode.EV_ENOOBJ,
                                "no committed snapshot set holds LDEV " + id.ldev() + " of array " + id.serial()));
                PairBinding pair = set.members.get(key).pair();
                targets.add(source.withIdentity(source.productRevision(), source.serialNumber(),
                        List.of(HitachiIdentity.naa(pair.svolSerial(), pair.svolLdev())), LunInfo.GUID_NULL));
            }
            return targets;
        });
    }

    /**
     * LocateLuns: makes the S-VOLs visible to the host. An INVISIBLE S-VOL (raidvchkset -vg idb) is released through the S-VOL
     * side instance (VSHTCHORCMINST_REMOTE) and appears at the coordinator's rescan; a NOREAD S-VOL needs the S-VOL host's one-time
     * reboot after paircreate (seed 3.3, 3.7.2 step 8). Without REMOTE the S-VOL was never hidden (seed 1.3): nothing to do.
     */
    public void locateLuns(List<LunInfo> targets) {
        call(null, () -> {
            for (LunInfo target : targets) {
                HitachiIdentity id = HitachiIdentity.of(target).orElseThrow(() -> error(null, HResult.E_INVALIDARG, EventCode.EV_INVARG,
                        "LocateLuns was given a LUN without Hitachi inquiry data"));
                Optional<SnapshotSet> owner = findBySvol(id);
                if (owner.isEmpty()) {
                    importElsewhereCreated(id);
                    continue;
                }
                SnapshotSet set = owner.get();
                synchronized (set) {
                    String group = memberBySvol(set, id).pair().group();
                    if (config.remoteInstance().isPresent() && !set.unhidden.contains(group)) {
                        pairOperation(set, group, OperationKind.UNHIDE, () -> cci.setHidden(config.remoteInstance().get(), group, false));
                        set.unhidden.add(group);
                    }
                }
            }
            return null;
        });
    }

    /**
     * LocateLuns of a shadow copy another host created: the import host of the export/import configuration (seed 3.7.2's note:
     * VSHTCHORCMINST_REMOTE on the S-VOL side host) knows the S-VOL from its own instance and releases it through that instance.
     */
    private void importElsewhereCreated(HitachiIdentity id) {
        PairBinding pair = svolPair(id).orElseThrow(() -> error(null, HResult.VSS_E_OBJECT_NOT_FOUND, EventCode.EV_ENOOBJ,
                "no snapshot set has LDEV " + id.ldev() + " of array " + id.serial() + " as its shadow copy, and it is no S-VOL of instance "
                        + config.localInstance() + " at MU#" + config.mu() + "; on the import host set VSHTCHORCMINST_REMOTE to the instance"
                        + " of its horcmN.conf that holds the S-VOL"));
        config.remoteInstance().ifPresent(remote -> pairOperation(null, pair.group(), OperationKind.UNHIDE,
                () -> cci.setHidden(remote, pair.group(), false)));
    }

    /** The pair whose S-VOL this is, from the index (rebuilt once if it is not there: pairs may have been created since). */
    private Optional<PairBinding> svolPair(HitachiIdentity id) {
        Optional<PairBinding> pair = index.bySvol(id.serial(), id.ldev());
        if (pair.isEmpty()) {
            index.refresh();
            pair = index.bySvol(id.serial(), id.ldev());
        }
        return pair;
    }

    /**
     * OnLunEmpty: the shadow copy on this S-VOL is deleted. The pair is resynchronised (the administrator then sees
     * PVOL_COPY/PAIR, seed 3.7.3) and an S-VOL the provider un-hid is hidden again for the next backup.
     */
    public void onLunEmpty(String device, LunInfo lun) {
        call(null, () -> {
            HitachiIdentity id = HitachiIdentity.of(lun).orElseThrow(() -> error(null, HResult.E_INVALIDARG, EventCode.EV_INVARG,
                    "OnLunEmpty was given a LUN without Hitachi inquiry data (" + device + ")"));
            Optional<SnapshotSet> owner = findBySvol(id);
            if (owner.isEmpty()) {
                // Created on another host (the import host deletes what it imported), or a set from before a reinstall: still
                // release the S-VOL as asked, hidden again for the next backup where an S-VOL side instance is configured.
                PairBinding pair = svolPair(id).orElseThrow(() -> error(null, HResult.VSS_E_OBJECT_NOT_FOUND,
                        EventCode.EV_ENOOBJ, "LDEV " + id.ldev() + " of array " + id.serial() + " is no S-VOL of instance "
                                + config.localInstance() + " at MU#" + config.mu()));
                config.remoteInstance().ifPresent(remote -> pairOperation(null, pair.group(), OperationKind.HIDE,
                        () -> cci.setHidden(remote, pair.group(), true)));
                resyncIfSplit(null, pair.group());
                return null;
            }
            SnapshotSet set = owner.get();
            synchronized (set) {
                String group = memberBySvol(set, id).pair().group();
                // Forgotten only once done: a failed hide or resync (e.g. [EV_ATTHOR]) leaves the set owning its split for a retry.
                if (set.unhidden.contains(group)) {
                    pairOperation(set, group, OperationKind.HIDE, () -> cci.setHidden(config.remoteInstance().orElseThrow(), group, true));
                    set.unhidden.remove(group);
                }
                if (set.split.contains(group)) {
                    pairOperation(set, group, OperationKind.RESYNC, () -> cci.resync(config.localInstance(), group));
                    set.split.remove(group);
                }
                if (set.split.isEmpty()) {
                    set.state = SetState.DELETED;
                }
                save(set);
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- IVssHardwareSnapshotProviderEx

    public long getProviderCapabilities() {
        return 0;
    }

    /** OnLunStateChange: on a break (VSS_ONLUNSTATECHANGE_NOTIFY_READ_WRITE) the set gives its S-VOLs to the host. */
    public void onLunStateChange(List<LunInfo> snapshotLuns, List<LunInfo> originalLuns, long flags) {
        call(null, () -> {
            for (LunInfo lun : snapshotLuns) {
                HitachiIdentity.of(lun).flatMap(this::findBySvol).ifPresent(set -> {
                    synchronized (set) {
                        set.state = SetState.BROKEN;
                        save(set);
                    }
                });
            }
            return null;
        });
    }

    /**
     * ResyncLuns: restores each source S-VOL's data to its P-VOL (pairresync -restore), in the background; poll
     * {@link #resyncStatus(String)} with the returned id. The pairs must be split (PSUS), else [EV_INVSTP].
     */
    public String resyncLuns(List<LunInfo> sources, List<LunInfo> targets) {
        return call(null, () -> {
            List<String> groups = new ArrayList<>();
            for (LunInfo source : sources) {
                HitachiIdentity id = HitachiIdentity.of(source).orElseThrow(() -> error(null, HResult.E_INVALIDARG, EventCode.EV_INVARG,
                        "ResyncLuns was given a LUN without Hitachi inquiry data"));
                PairBinding pair = index.bySvol(id.serial(), id.ldev()).or(() -> index.byPvol(id.serial(), id.ldev()))
                        .orElseThrow(() -> error(null, HResult.VSS_E_OBJECT_NOT_FOUND, EventCode.EV_ENOOBJ, "LDEV " + id.ldev()
                                + " is in no pair of instance " + config.localInstance() + " at MU#" + config.mu()));
                if (!groups.contains(pair.group())) {
                    groups.add(pair.group());
                }
            }
            String op = "resync-" + resyncNumber.incrementAndGet();
            resyncs.put(op, new ResyncStatus(op, ResyncStatus.State.RUNNING, groups.size(), null));
            for (String group : groups) {
                long journalled = journal.intend(null, group, OperationKind.RESTORE);
                try {
                    cci.restore(config.localInstance(), group);
                    journal.finish(journalled, true, "");
                } catch (EventException e) {
                    journal.finish(journalled, false, e.getMessage());
                    finishResync(new ResyncStatus(op, ResyncStatus.State.FAILED, groups.size(), null));
                    throw error(null, failure(e.code()), e.code(), e.event().detail());
                }
            }
            CompletableFuture.runAsync(() -> {
                try {
                    parallel(groups, g -> {
                        if (!cci.await(config.localInstance(), g, "pair", settings.prepareTimeout())) {
                            throw new EventException(EventCode.EV_INVSTP, "the restore of copy group " + g + " did not finish in time");
                        }
                    });
                    finishResync(new ResyncStatus(op, ResyncStatus.State.DONE, groups.size(), null));
                } catch (EventException e) {
                    events.report(e.event());
                    finishResync(new ResyncStatus(op, ResyncStatus.State.FAILED, groups.size(),
                            new ProviderError(failure(e.code()), e.code(), e.event().detail())));
                }
            }, workers);
            return op;
        });
    }

    /** A finished resync stays readable until {@value #KEPT_RESYNCS} newer ones finished: VSS polls one until done, then lets go. */
    private void finishResync(ResyncStatus status) {
        resyncs.put(status.operationId(), status);
        finishedResyncs.add(status.operationId());
        while (finishedResyncs.size() > KEPT_RESYNCS) {
            String oldest = finishedResyncs.poll();
            if (oldest != null) {
                resyncs.remove(oldest);
            }
        }
    }

    public ResyncStatus resyncStatus(String operationId) {
        ResyncStatus s = resyncs.get(operationId);
        if (s == null) {
            throw error(null, HResult.VSS_E_OBJECT_NOT_FOUND, EventCode.EV_ENOOBJ, "no resync operation " + operationId);
        }
        return s;
    }

    // ---------------------------------------------------------------- admin and recovery

    /** The sets held in memory: live ones (an ended set is the journal's, see {@code ControlPlane.journalledSets}). */
    public List<SetView> sets() {
        List<SetView> views = new ArrayList<>();
        for (SnapshotSet s : sets.values()) {
            synchronized (s) {
                views.add(new SetView(s.id, s.state, s.groups(), List.copyOf(s.members.keySet()), List.copyOf(s.split), s.updatedMillis,
                        s.createdMillis));
            }
        }
        return views;
    }

    public Events events() { return events; }

    /**
     * Takes back a set the journal shows as created (after a restart), so OnLunEmpty and GetTargetLuns find it. With an S-VOL side
     * instance, LocateLuns may have un-hidden its S-VOLs before the crash (that is not journalled in the set): OnLunEmpty hides
     * them again, which is harmless when they still are hidden.
     */
    void adopt(String setId, SetState state, List<SnapshotSet.Member> members, List<String> splitGroups) {
        SnapshotSet set = new SnapshotSet(setId);
        set.state = state;
        members.forEach(m -> set.members.put(SnapshotSet.key(m.pair().serial(), m.pair().pvolLdev()), m));
        set.split.addAll(splitGroups);
        if (config.remoteInstance().isPresent()) {
            set.unhidden.addAll(set.groups());
        }
        sets.put(setId, set);
    }

    @Override
    public void close() {
        workers.shutdownNow();
        timer.shutdownNow();
    }

    // ---------------------------------------------------------------- internals

    private interface Work<T> {
        T run();
    }

    private interface GroupWork {
        void run(String group);
    }

    /** Runs a VSS call: EventExceptions become reported ProviderExceptions; anything unexpected is [EV_EXCEPT]. */
    private <T> T call(String setId, Work<T> work) {
        try {
            return work.run();
        } catch (ProviderException e) {
            throw e;
        } catch (EventException e) {
            events.report(setId == null ? e.event() : e.event().forSet(setId));
            throw new ProviderException(new ProviderError(failure(e.code()), e.code(), e.event().detail()));
        } catch (OutOfMemoryError e) {
            events.report(ProviderEvent.of(EventCode.EV_ENOMEM, String.valueOf(e.getMessage())).forSet(setId));
            throw new ProviderException(new ProviderError(HResult.E_OUTOFMEMORY, EventCode.EV_ENOMEM, String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            events.report(ProviderEvent.of(EventCode.EV_EXCEPT, e.toString()).forSet(setId));
            throw new ProviderException(new ProviderError(HResult.VSS_E_PROVIDER_VETO, EventCode.EV_EXCEPT, e.toString()));
        }
    }

    /** The HRESULT of a failed operation: E_OUTOFMEMORY when memory ran out (VSS may retry later), else a veto. */
    private static HResult failure(EventCode code) {
        return code == EventCode.EV_ENOMEM ? HResult.E_OUTOFMEMORY : HResult.VSS_E_PROVIDER_VETO;
    }

    private void step(String setId, SetState from, SetState to, String call) {
        call(setId, () -> {
            SnapshotSet set = existing(setId, call);
            synchronized (set) {
                expect(set, from, call);
                set.state = to;
                save(set);
                return null;
            }
        });
    }

    /** The live set {@code setId}; one that ended (only the journal has it now) is out of sequence, one never seen is not found. */
    private SnapshotSet existing(String setId, String call) {
        SnapshotSet set = sets.get(setId);
        if (set != null) {
            return set;
        }
        refuseEnded(setId, call);
        throw error(setId, HResult.VSS_E_OBJECT_NOT_FOUND, EventCode.EV_ENOOBJ, "no snapshot set " + setId);
    }

    /** A call on a set that ended (the journal has it, memory no longer does) is out of sequence: VSS_E_BAD_STATE [EV_INVSEQ]. */
    private void refuseEnded(String setId, String call) {
        Optional<SetRecord> ended = journal.set(setId);
        if (ended.isPresent()) {
            throw error(setId, HResult.VSS_E_BAD_STATE, EventCode.EV_INVSEQ, call + " for snapshot set " + setId + " in state "
                    + ended.get().state());
        }
    }

    private void expect(SnapshotSet set, SetState state, String call) {
        if (set.state != state) {
            throw sequence(set, call);
        }
    }

    private ProviderException sequence(SnapshotSet set, String call) {
        return error(set.id, HResult.VSS_E_BAD_STATE, EventCode.EV_INVSEQ, call + " for snapshot set " + set.id + " in state " + set.state);
    }

    private ProviderException error(String setId, HResult hr, EventCode code, String detail) {
        return error(setId, hr, code, detail, null);
    }

    private ProviderException error(String setId, HResult hr, EventCode code, String detail, String kavx) {
        ProviderEvent event = ProviderEvent.of(code, detail).forSet(setId);
        events.report(kavx == null ? event : event.withKavx(kavx));
        return new ProviderException(new ProviderError(hr, code, detail));
    }

    private void report(String setId, EventCode code, String detail) {
        events.report(ProviderEvent.of(code, detail).forSet(setId));
    }

    /** The identity of a LUN this provider supports; a Hitachi array LUN with unusable inquiry data is reported ([EV_ENOINQ], [EV_ENOSER]). */
    private Optional<HitachiIdentity> claim(LunInfo lun) {
        LunClaim claim = LunClaim.of(lun);
        if (claim instanceof LunClaim.Faulty f) {
            report(null, f.code(), f.detail());
        }
        return claim instanceof LunClaim.Ours ours ? Optional.of(ours.id()) : Optional.empty();
    }

    private String notInInstance(HitachiIdentity id) {
        return "LDEV " + id.ldev() + " of array " + id.serial() + " is in no copy group of instance " + config.localInstance()
                + " at MU#" + config.mu() + " (HORCM_DEV/HORCM_LDEV of horcm" + config.localInstance() + ".conf)";
    }

    private Optional<SnapshotSet> ownerOf(String pvolKey, String except) {
        return sets.values().stream().filter(s -> !s.id.equals(except) && s.state.live() && s.members.containsKey(pvolKey))
                .filter(this::stillHoldsItsShadowCopy).findFirst();
    }

    /**
     * A created set none of whose pairs is split any more was released elsewhere: in the export/import configuration the import
     * host deletes the shadow copy (OnLunEmpty there resynchronises), so this host never hears of it; or an administrator ran
     * pairresync. Its shadow copy is gone: the set ends here (DELETED) instead of holding its LUNs for ever.
     */
    private boolean stillHoldsItsShadowCopy(SnapshotSet set) {
        synchronized (set) {
            if (set.state != SetState.CREATED || set.split.isEmpty()) {
                return set.state.live();
            }
            for (String group : set.split) {
                if (cci.state(config.localInstance(), group).split()) {
                    return true;
                }
            }
            set.split.clear();
            set.state = SetState.DELETED;
            save(set);
            return false;
        }
    }

    private Optional<SnapshotSet> findBySvol(HitachiIdentity id) {
        return sets.values().stream().filter(s -> s.state.live()).filter(s -> s.members.values().stream()
                .anyMatch(m -> m.pair().svolSerial() == id.serial() && m.pair().svolLdev() == id.ldev())).findFirst();
    }

    private static SnapshotSet.Member memberBySvol(SnapshotSet set, HitachiIdentity id) {
        return set.members.values().stream().filter(m -> m.pair().svolSerial() == id.serial() && m.pair().svolLdev() == id.ldev())
                .findFirst().orElseThrow();
    }

    private void startResyncIfNeeded(SnapshotSet set, String group) {
        VolumeState state = cci.state(config.localInstance(), group);
        if (state.role() != VolumeState.Role.PVOL) {
            throw new EventException(EventCode.EV_INVSTP, "the volumes of copy group " + group + " are " + state.role()
                    + " on instance " + config.localInstance() + ", not P-VOLs; check them with pairdisplay -g " + group);
        }
        if (state.status() == VolumeState.Status.SPLIT || state.status() == VolumeState.Status.PSUE) {
            pairOperation(set, group, OperationKind.RESYNC, () -> cci.resync(config.localInstance(), group));
        }
    }

    /** Resynchronises a split (or suspended) pair, from either side: an import host's instance sees the S-VOL (SSUS). */
    private void resyncIfSplit(SnapshotSet set, String group) {
        VolumeState state = cci.state(config.localInstance(), group);
        if (state.role() != VolumeState.Role.SMPL && (state.split() || state.status() == VolumeState.Status.PSUE)) {
            pairOperation(set, group, OperationKind.RESYNC, () -> cci.resync(config.localInstance(), group));
        }
    }

    /**
     * Rolls back a set's splits: every group whose split was issued is resynchronised (resync of a PAIR is accepted as is).
     * Returns the last failure (reported; its group stays in the set's split), or null when nothing is left split.
     */
    private EventException rollback(SnapshotSet set) {
        List<String> groups;
        synchronized (set) {
            groups = new ArrayList<>(set.split);
            set.splitOperations.forEach((group, id) -> journal.finish(id, false, "rolled back"));
            set.splitOperations.clear();
        }
        EventException failed = null;
        for (String group : groups) {
            try {
                resyncIfSplit(set, group);
                synchronized (set) {
                    set.split.remove(group);
                }
            } catch (EventException e) {
                events.report(e.event().forSet(set.id));
                failed = e;
            }
        }
        return failed;
    }

    /**
     * A vetoed or aborted set whose rollback could not resynchronise (e.g. [EV_ATTHOR] while the instance was down) still owns its
     * split pairs: before LUNs are offered to a new set its rollback is tried again, and once nothing is left split it is ABORTED.
     */
    private void retryFailedRollbacks() {
        for (SnapshotSet set : sets.values()) {
            if (set.state != SetState.COMMIT_FAILED || !set.rollback.isDone()) {
                continue;
            }
            synchronized (set) {
                if (set.state == SetState.COMMIT_FAILED && !set.split.isEmpty() && rollback(set) == null) {
                    set.state = SetState.ABORTED;
                    save(set);
                }
            }
        }
    }

    private void pairOperation(SnapshotSet set, String group, OperationKind kind, Runnable operation) {
        long id = journal.intend(set == null ? null : set.id, group, kind);
        try {
            operation.run();
            journal.finish(id, true, "");
        } catch (RuntimeException e) {
            journal.finish(id, false, e.getMessage());
            throw e;
        }
    }

    private void parallel(List<String> groups, GroupWork work) {
        if (groups.size() == 1) {
            work.run(groups.get(0));
            return;
        }
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (String g : groups) {
            futures.add(CompletableFuture.runAsync(() -> work.run(g), workers));
        }
        RuntimeException first = null;
        for (CompletableFuture<Void> f : futures) {
            try {
                f.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Journals a set (after the freeze, if writes are frozen). A set that ended (deleted, aborted, broken off) also leaves
     * memory: the journal keeps it for the admin service and recovery, so a control plane that cycles for months holds only live sets.
     */
    private void save(SnapshotSet set) {
        set.updatedMillis = System.currentTimeMillis();
        if (!events.frozen()) {
            journal.saveSet(set.record());
        } else {
            pendingSaves.put(set.id, set);
        }
        if (!set.state.live()) {
            sets.remove(set.id, set);
        }
    }

    private final Map<String, SnapshotSet> pendingSaves = new ConcurrentHashMap<>();

    private void freezeEvents() {
        synchronized (freezeLock) {
            events.freeze();
            if (freezeGuard != null) {
                freezeGuard.cancel(false);
            }
            freezeGuard = timer.schedule(this::thawEvents, settings.maxFreeze().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Takes no set's lock while holding another lock: sets are locked after the provider (beginPrepareSnapshot), never before. */
    private void thawEvents() {
        synchronized (freezeLock) {
            if (freezeGuard != null) {
                freezeGuard.cancel(false);
                freezeGuard = null;
            }
            events.thaw();
        }
        for (SnapshotSet s : List.copyOf(pendingSaves.values())) {
            if (pendingSaves.remove(s.id, s)) {
                synchronized (s) {
                    journal.saveSet(s.record());
                }
            }
        }
    }

    /** Every set's PostCommit cancels its freeze guard: without remove-on-cancel each cancelled guard stays queued for maxFreeze. */
    private static ScheduledExecutorService freezeTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("rmvss-freeze-timer"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
