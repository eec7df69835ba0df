package io.rmvss.control.cci;

import io.rmvss.control.events.EventCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CCI driver: runs the CCI commands from the installation's command directory with HORCMINST
 * and HORCC_MRCF=1 set, parses what they print and maps failures to [EV_*] codes:
 * command directory missing [EV_ENRMPH], command binary missing [EV_ENRMCM], EX_ATTHOR [EV_ATTHOR],
 * EX_INVSTP [EV_INVSTP], EX_ENODEV (a device the host cannot open) [EV_EOPDEV], EX_ENOMEM or a process that cannot be
 * started for lack of memory [EV_ENOMEM], an environment the child cannot be given [EV_ESETEV] ({@link ChildEnvironment}),
 * any other EX_ error, a crash or a timeout [EV_CMDIOE]. The only class that knows CCI command syntax.
 */
public final class CommandCciDriver implements CciDriver {
    private static final Pattern EX_CODE = Pattern.compile("\\[(EX_[A-Z]+)]");
    private static final int LAST_NORMAL_EXIT = 127;
    private static final Duration AWAIT_SLACK = Duration.ofSeconds(30);
    private static final int NO_INSTANCE = -1;
    private static final int INQRAID_COLUMNS = 9;
    private static final int EX_ENOMEM_EXIT = 245;

    private final CciInstallation installation;

    public CommandCciDriver(CciInstallation installation) {
        this.installation = installation;
    }

    @Override
    public List<String> groups(int instance) {
        CciProcess.Result r = checked(instance, Map.of(), "raidqry", "-g");
        List<String> groups = new ArrayList<>();
        r.out().lines().skip(1).map(String::trim).filter(l -> !l.isEmpty()).forEach(l -> groups.add(l.split("\\s+")[1]));
        return groups;
    }

    @Override
    public List<PairRow> pairs(int instance, String group) {
        CciProcess.Result r = checked(instance, Map.of(), "pairdisplay", "-g", group, "-fc", "-CLI");
        try {
            return PairDisplayParser.parse(r.out());
        } catch (IllegalArgumentException e) {
            throw new CciException(EventCode.EV_CMDIOE, "pairdisplay -g " + group, r.exit(), null, e.getMessage());
        }
    }

    @Override
    public VolumeState state(int instance, String group) {
        String[] args = {"-g", group, "-ss"};
        CciProcess.Result r = run(instance, Map.of(), "pairvolchk", args);
        if (r.exit() > LAST_NORMAL_EXIT) {
            throw failure(instance, "pairvolchk", args, r);
        }
        try {
            return VolumeState.ofExitCode(r.exit());
        } catch (IllegalArgumentException e) {
            throw new CciException(EventCode.EV_CMDIOE, line("pairvolchk", args), r.exit(), null, e.getMessage());
        }
    }

    @Override
    public void split(int instance, String group) {
        checked(instance, Map.of(), "pairsplit", "-g", group, "-fq", "quick");
    }

    @Override
    public void resync(int instance, String group) {
        checked(instance, Map.of(), "pairresync", "-g", group);
    }

    @Override
    public void restore(int instance, String group) {
        checked(instance, Map.of(), "pairresync", "-g", group, "-restore");
    }

    @Override
    public boolean await(int instance, String group, String status, Duration timeout) {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        String[] args = {"-g", group, "-s", status, "-t", Long.toString(seconds)};
        CciProcess.Result r = run(instance, Map.of(), "pairevtwait", timeout.plus(AWAIT_SLACK), args);
        if (r.exit() == 0) {
            return true;
        }
        if (r.err().contains("[EX_EWSTOT]")) {
            return false;
        }
        throw failure(instance, "pairevtwait", args, r);
    }

    @Override
    public DeviceInquiry inquire(String device) {
        CciProcess.Result r = checked(NO_INSTANCE, Map.of(), "inqraid", device, "-CLI");
        List<String> lines = r.out().lines().filter(l -> !l.isBlank()).toList();
        String[] t = lines.size() < 2 ? new String[0] : lines.get(1).trim().split("\\s+");
        if (t.length < INQRAID_COLUMNS) {
            throw new CciException(EventCode.EV_CMDIOE, line("inqraid", device, "-CLI"), r.exit(), null,
                    "inqraid " + device + " -CLI printed no device line: '" + r.out().strip() + "'");
        }
        return new DeviceInquiry(t[0], t[1], number(t[2]), number(t[3]), t[t.length - 1]);
    }

    @Override
    public void setHidden(int instance, String group, boolean hidden) {
        if (hidden) {
            checked(instance, Map.of(), "raidvchkset", "-g", group, "-vg", "idb");
        } else {
            checked(instance, Map.of(), "raidvchkset", "-g", group, "-vg");
        }
    }

    private CciProcess.Result checked(int instance, Map<String, String> env, String command, String... args) {
        CciProcess.Result r = run(instance, env, command, args);
        if (r.exit() != 0) {
            throw failure(instance, command, args, r);
        }
        return r;
    }

    private CciProcess.Result run(int instance, Map<String, String> env, String command, String... args) {
        return run(instance, env, command, installation.commandTimeout(), args);
    }

    private CciProcess.Result run(int instance, Map<String, String> env, String command, Duration timeout, String... args) {
        Path dir = installation.commandDir();
        String commandLine = prefix(instance) + line(command, args);
        if (!Files.isDirectory(dir)) {
            throw new CciException(EventCode.EV_ENRMPH, commandLine, -1, null,
                    "the CCI command directory " + dir + " does not exist; install CCI (RAID Manager) or correct the HORCM directory setting");
        }
        Path binary = binary(dir, command);
        if (!Files.isExecutable(binary)) {
            throw new CciException(EventCode.EV_ENRMCM, commandLine, -1, null,
                    binary + " is missing or not executable; reinstall CCI (RAID Manager)");
        }
        List<String> argv = new ArrayList<>();
        argv.add(binary.toString());
        argv.addAll(List.of(args));
        Map<String, String> environment = new HashMap<>(installation.extraEnv());
        if (instance != NO_INSTANCE) {
            environment.put("HORCMINST", Integer.toString(instance));
            environment.put("HORCC_MRCF", "1");
        }
        environment.putAll(env);
        ChildEnvironment.check(environment, commandLine);
        try {
            CciProcess.Result r = CciProcess.run(argv, environment, installation.workDir(), timeout);
            if (r == null) {
                throw new CciException(EventCode.EV_CMDIOE, commandLine, -1, null,
                        commandLine + " did not finish within " + timeout.toSeconds() + " s and was killed");
            }
            return r;
        } catch (IllegalArgumentException e) {
            throw ChildEnvironment.refused(environment, commandLine, e.getMessage());
        } catch (IOException e) {
            String why = String.valueOf(e.getMessage());
            if (why.contains("error=7,")) {
                throw ChildEnvironment.refused(environment, commandLine, why);
            }
            if (why.contains("error=12,")) {
                throw new CciException(EventCode.EV_ENOMEM, commandLine, -1, null, commandLine + " could not be started: " + why
                        + "; the system is out of memory for a new process: free memory or raise the service's limits");
            }
            throw new CciException(EventCode.EV_CMDIOE, commandLine, -1, null, commandLine + " could not be run: " + why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CciException(EventCode.EV_CMDIOE, commandLine, -1, null, commandLine + " was interrupted");
        }
    }

    private static Path binary(Path dir, String command) {
        Path plain = dir.resolve(command);
        Path exe = dir.resolve(command + ".exe");
        return !Files.exists(plain) && Files.exists(exe) ? exe : plain;
    }

    private static CciException failure(int instance, String command, String[] args, CciProcess.Result r) {
        Matcher m = EX_CODE.matcher(r.err() + r.out());
        String ex = m.find() ? m.group(1) : null;
        // CCI's exit code names the error even where no [EX_...] text was printed (our front end's own malloc failure).
        if (ex == null && r.exit() == EX_ENOMEM_EXIT) {
            ex = "EX_ENOMEM";
        }
        EventCode code = ex == null ? EventCode.EV_CMDIOE : switch (ex) {
            case "EX_ATTHOR" -> EventCode.EV_ATTHOR;
            case "EX_INVSTP" -> EventCode.EV_INVSTP;
            case "EX_ENODEV" -> EventCode.EV_EOPDEV;
            case "EX_ENOMEM" -> EventCode.EV_ENOMEM;
            default -> EventCode.EV_CMDIOE;
        };
        String said = (r.err().isBlank() ? r.out() : r.err()).strip().replace('\n', ' ');
        String commandLine = prefix(instance) + line(command, args);
        return new CciException(code, commandLine, r.exit(), ex, commandLine + " exited " + r.exit() + ": " + said + fix(code));
    }

    /** What to do, where CCI's own text does not say it. */
    private static String fix(EventCode code) {
        return switch (code) {
            case EV_EOPDEV -> "; rescan the disks (diskpart rescan) and check that the LU is presented to this host and not hidden"
                    + " (raidvchkset -vg idb)";
            case EV_ENOMEM -> "; CCI could not allocate memory: free memory on the server or the HORCM host, then retry";
            default -> "";
        };
    }

    private static String prefix(int instance) {
        return instance == NO_INSTANCE ? "" : "HORCMINST=" + instance + " HORCC_MRCF=1 ";
    }

    private static int number(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String line(String command, String... args) {
        return command + (args.length == 0 ? "" : " " + String.join(" ", args));
    }
}
