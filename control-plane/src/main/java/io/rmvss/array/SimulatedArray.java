package io.rmvss.array;

import io.rmvss.array.host.HostDisk;
import io.rmvss.array.host.HostVolume;
import io.rmvss.array.host.Inquiry;
import io.rmvss.array.host.InquiryData;
import io.rmvss.array.layout.ArrayLayout;
import io.rmvss.array.layout.DriveLetter;
import io.rmvss.array.layout.HostDiskLayout;
import io.rmvss.array.layout.LunMapping;
import io.rmvss.array.layout.SystemLayout;
import io.rmvss.array.shadowimage.EngineHostIo;
import io.rmvss.array.shadowimage.ShadowImage;
import io.rmvss.array.shadowimage.ShadowImageEngine;
import io.rmvss.array.storage.AtomicFiles;
import io.rmvss.array.storage.DirectoryLock;
import io.rmvss.array.storage.Guard;
import io.rmvss.array.storage.HostIo;
import io.rmvss.array.storage.Ldev;
import io.rmvss.array.storage.LdevStore;
import io.rmvss.array.storage.TrackLocks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The embedded simulated Hitachi array: the layout's storage systems with real LDEV data in sparse
 * files, the ShadowImage engine, and the host's view of its disks. Everything lives in one data
 * directory: {@code layout.json}, {@code ldevs/}, {@code pairs/}, {@code state.json}, and
 * {@code array.lock}, which one open array holds at a time.
 */
public final class SimulatedArray implements StorageArray {
    static final String LAYOUT_FILE = "layout.json";
    static final String LDEV_DIRECTORY = "ldevs";
    private static final int COPY_THREADS = 2;
    private static final Pattern DISK_NAME = Pattern.compile("(?:\\\\\\\\\\.\\\\)?(?:PHYSICALDRIVE|HARDDISK)?(\\d+)");
    private static final Pattern LETTER_NAME = Pattern.compile("([A-Z])(?::.*)?");

    private final DirectoryLock directoryLock;
    private final ArrayLayout layout;
    private final LdevStore ldevs;
    private final ShadowImageEngine engine;
    private final HostIo io;
    private final Map<String, Ldev> ldevByLun = new HashMap<>();
    private final Map<LdevId, List<LunPath>> pathsByLdev = new HashMap<>();
    private final Map<LdevId, StorageSystemInfo> systemOf = new HashMap<>();

    private SimulatedArray(DirectoryLock directoryLock, ArrayLayout layout, LdevStore ldevs, ShadowImageEngine engine) {
        this.directoryLock = directoryLock;
        this.layout = layout;
        this.ldevs = ldevs;
        this.engine = engine;
        this.io = new EngineHostIo(engine);
        for (SystemLayout system : layout.systems()) {
            for (Ldev ldev : system.ldevs()) {
                systemOf.put(ldev.id(), system.info());
                pathsByLdev.put(ldev.id(), new ArrayList<>());
            }
            for (LunMapping lun : system.luns()) {
                LdevId id = new LdevId(system.serial(), lun.ldev());
                ldevByLun.put(lunKey(system.serial(), lun.port(), lun.targetId(), lun.lun()), ldevs.ldev(id));
                pathsByLdev.get(id).add(new LunPath(lun.port(), lun.targetId(), lun.lun()));
            }
        }
    }

    /** Creates a new array in {@code dataDir} (which must not exist or be empty) and opens it. */
    public static SimulatedArray create(Path dataDir, ArrayLayout layout) throws IOException {
        if (Files.exists(dataDir)) {
            try (Stream<Path> entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(dataDir + " is not empty; an array may already live there: open it,"
                            + " or remove the directory to create a new array");
                }
            }
        }
        Files.createDirectories(dataDir);
        AtomicFiles.write(dataDir.resolve(LAYOUT_FILE), layout.toJson().getBytes(StandardCharsets.UTF_8));
        List<Ldev> all = allLdevs(layout);
        LdevStore.create(dataDir.resolve(LDEV_DIRECTORY), all).close();
        // The state file is written last: its presence marks a completely created array.
        ShadowImageEngine.initialize(dataDir);
        return open(dataDir);
    }

    /** Opens an existing array, resuming any copy that was running when it was last closed or killed. */
    public static SimulatedArray open(Path dataDir) throws IOException {
        Path layoutFile = dataDir.resolve(LAYOUT_FILE);
        if (!Files.isRegularFile(layoutFile)) {
            throw new IOException(dataDir + " holds no simulated array (no " + LAYOUT_FILE + "); create one first");
        }
        DirectoryLock directoryLock = DirectoryLock.acquire(dataDir);
        LdevStore ldevs = null;
        try {
            ArrayLayout layout = ArrayLayout.read(layoutFile);
            ldevs = LdevStore.open(dataDir.resolve(LDEV_DIRECTORY), allLdevs(layout));
            ShadowImageEngine engine = ShadowImageEngine.open(dataDir, ldevs, new TrackLocks(), COPY_THREADS);
            return new SimulatedArray(directoryLock, layout, ldevs, engine);
        } catch (IOException | RuntimeException e) {
            if (ldevs != null) {
                ldevs.close();
            }
            directoryLock.close();
            throw e;
        }
    }

    private static List<Ldev> allLdevs(ArrayLayout layout) {
        return layout.systems().stream().flatMap(s -> s.ldevs().stream()).toList();
    }

    private static String lunKey(int serial, String port, int targetId, int lun) {
        return serial + "/" + port.toUpperCase(Locale.ROOT) + "/" + targetId + "/" + lun;
    }

    public ArrayLayout layout() {
        return layout;
    }

    @Override
    public List<StorageSystemInfo> systems() {
        return layout.systems().stream().map(SystemLayout::info).toList();
    }

    @Override
    public Optional<Ldev> ldev(LdevId id) {
        return Optional.ofNullable(ldevs.ldev(id));
    }

    /** Every LDEV of every storage system, by serial and LDEV number. */
    public List<Ldev> ldevs() {
        return ldevs.all().stream().sorted(Comparator.comparing(Ldev::id)).toList();
    }

    @Override
    public Optional<Ldev> ldevAt(int serial, String port, int targetId, int lun) {
        return Optional.ofNullable(ldevByLun.get(lunKey(serial, port, targetId, lun)));
    }

    @Override
    public List<LunPath> pathsOf(LdevId id) {
        return List.copyOf(pathsByLdev.getOrDefault(id, List.of()));
    }

    @Override
    public List<HostDisk> hostDisks() {
        List<HostDisk> disks = new ArrayList<>();
        for (HostDiskLayout disk : layout.hostDisks()) {
            hostDisk(disk).ifPresent(disks::add);
        }
        disks.sort(Comparator.comparingInt(HostDisk::number));
        return disks;
    }

    /** The host's view of one disk; empty when its LUN is hidden (INVISIBLE). Local disks have port "-" and target/LUN -1. */
    private Optional<HostDisk> hostDisk(HostDiskLayout disk) {
        List<HostVolume> volumes = new ArrayList<>();
        for (DriveLetter letter : layout.driveLetters()) {
            if (letter.disk() == disk.number()) {
                volumes.add(new HostVolume(letter.letter(), letter.volume(), letter.disk()));
            }
        }
        if (disk.local()) {
            return Optional.of(new HostDisk(disk.number(), Optional.empty(), "-", -1, -1, disk.vendor(), disk.productId(), volumes));
        }
        HostDiskLayout.ArrayLunAddress at = disk.arrayLun();
        Ldev ldev = ldevByLun.get(lunKey(at.serial(), at.port(), at.targetId(), at.lun()));
        if (engine.guards(ldev.id()).contains(Guard.INVISIBLE)) {
            return Optional.empty();
        }
        return Optional.of(new HostDisk(disk.number(), Optional.of(ldev.id()), at.port(), at.targetId(), at.lun(),
                InquiryData.VENDOR.trim(), ldev.productId(), volumes));
    }

    @Override
    public Optional<HostDisk> hostDisk(String deviceName) {
        String name = deviceName.trim().toUpperCase(Locale.ROOT);
        Matcher disk = DISK_NAME.matcher(name);
        if (disk.matches()) {
            int number = Integer.parseInt(disk.group(1));
            return hostDisks().stream().filter(d -> d.number() == number).findFirst();
        }
        if (name.startsWith("\\\\?\\SCSI#")) {
            // A device interface name; a trailing interface class GUID (#{53f56307-...}) may follow.
            String bare = name.replaceFirst("#\\{[0-9A-F-]+}$", "");
            return hostDisks().stream().filter(d -> d.interfaceName().toUpperCase(Locale.ROOT).equals(bare)).findFirst();
        }
        Matcher letter = LETTER_NAME.matcher(name);
        if (letter.matches()) {
            char drive = letter.group(1).charAt(0);
            return layout.driveLetters().stream().filter(l -> l.letter() == drive).findFirst()
                    .flatMap(l -> hostDisks().stream().filter(d -> d.number() == l.disk()).findFirst());
        }
        return Optional.empty();
    }

    @Override
    public Optional<Inquiry> inquiry(LdevId id) {
        Ldev ldev = ldevs.ldev(id);
        if (ldev == null || engine.guards(id).contains(Guard.INVISIBLE)) {
            return Optional.empty();
        }
        return Optional.of(InquiryData.of(ldev, systemOf.get(id).revision()));
    }

    @Override
    public Set<Guard> guards(LdevId id) {
        return engine.guards(id);
    }

    @Override
    public void setGuards(LdevId id, Set<Guard> guards) throws ArrayException {
        engine.setGuards(id, guards);
    }

    @Override
    public ShadowImage shadowImage() {
        return engine;
    }

    /** The engine itself, for its maintenance knobs (pausing the background copy). */
    public ShadowImageEngine engine() {
        return engine;
    }

    @Override
    public HostIo io() {
        return io;
    }

    @Override
    public void close() {
        engine.close();
        ldevs.close();
        directoryLock.close();
    }
}
