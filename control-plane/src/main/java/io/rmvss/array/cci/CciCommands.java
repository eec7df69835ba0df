package io.rmvss.array.cci;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.StorageArray;
import io.rmvss.array.cci.command.HorcmShutdown;
import io.rmvss.array.cci.command.HorcmStart;
import io.rmvss.array.cci.command.InqRaid;
import io.rmvss.array.cci.command.PairCreate;
import io.rmvss.array.cci.command.PairDisplay;
import io.rmvss.array.cci.command.PairEvtWait;
import io.rmvss.array.cci.command.PairResync;
import io.rmvss.array.cci.command.PairSplit;
import io.rmvss.array.cci.command.PairVolChk;
import io.rmvss.array.cci.command.RaidQry;
import io.rmvss.array.cci.command.RaidScan;
import io.rmvss.array.cci.command.RaidVChkSet;
import io.rmvss.array.horcm.InstanceRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The CCI commands of the simulated array. Errors print as CCI prints them
 * ({@code pairsplit: [EX_INVSTP] Invalid pair status}) followed by a second line with the specific
 * cause and how to fix it; the exit code is CCI's. Thread-safe: commands may run concurrently,
 * changing commands are serialised, pairevtwait blocks without holding anything.
 */
public final class CciCommands implements CciShell {
    private static final int COMMAND_NOT_FOUND = 127;

    private final CciContext context;
    private final Map<String, CciCommand> commands = new TreeMap<>();

    /** @param stateDir where the started HORCM instances and their configurations are kept across restarts */
    public CciCommands(StorageArray array, Path stateDir) {
        this.context = new CciContext(array, new InstanceRegistry(stateDir), new ReentrantLock());
        for (CciCommand c : List.of(new HorcmStart(), new HorcmShutdown(), new PairDisplay(), new PairCreate(), new PairSplit(),
                new PairResync(), new PairEvtWait(), new PairVolChk(), new RaidScan(), new InqRaid(), new RaidVChkSet(), new RaidQry())) {
            commands.put(c.name(), c);
        }
    }

    @Override
    public int execute(String command, List<String> args, Map<String, String> env, Path cwd, String stdin,
                       PrintStream out, PrintStream err)
            throws InterruptedException {
        CciCommand c = commands.get(canonicalName(command));
        if (c == null) {
            err.println(command + ": not a CCI command of the simulated array; available: " + String.join(", ", commands.keySet()));
            return COMMAND_NOT_FOUND;
        }
        boolean quiet = args.contains("-nomsg");
        try {
            ParsedOptions options = OptionParser.parse(c.options(), args);
            if (options.has("-h")) {
                out.println("Usage: " + c.options().usage());
                return 0;
            }
            return c.run(new Invocation(command, options, Map.copyOf(env), cwd, stdin, out, err, context));
        } catch (ArrayException e) {
            if (!quiet) {
                err.println(e.error().render(command));
                err.println(command + ": " + e.detail());
            }
            return e.error().exitCode();
        } catch (RuntimeException e) {
            // An array fault (e.g. its data directory became unwritable): report it the CCI way, not as a daemon crash.
            err.println(CciError.EX_CMDIOE.render(command));
            err.println(command + ": the simulated array failed: " + e);
            return CciError.EX_CMDIOE.exitCode();
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** {@code pairdisplay.exe} and the seed's typo {@code ingraid} name the same commands. */
    private static String canonicalName(String command) {
        String name = Path.of(command).getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".exe")) {
            name = name.substring(0, name.length() - 4);
        }
        return name.equals("ingraid") ? "inqraid" : name;
    }
}
