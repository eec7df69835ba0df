package io.rmvss.array.cci;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.horcm.InstanceNumber;
import io.rmvss.array.horcm.StartedInstance;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** One run of a CCI command: its parsed options, the caller's environment, what was piped in and where it prints. */
public record Invocation(String command, ParsedOptions options, Map<String, String> env, Path cwd, String stdin,
                         PrintStream out, PrintStream err, CciContext context) {
    public static final String HORCMINST = "HORCMINST";
    public static final String HORCC_MRCF = "HORCC_MRCF";

    /** Device names piped in, one or more per line ({@code ls /dev/sd* | inqraid} on UNIX, {@code echo Harddisk1 | ...}). */
    public java.util.List<String> stdinWords() {
        return stdin == null || stdin.isBlank() ? java.util.List.of() : java.util.List.of(stdin.trim().split("\\s+"));
    }

    /** The instance the command talks to: {@code -I<N>} first, then HORCMINST, else the default instance. */
    public InstanceNumber instanceNumber() throws ArrayException {
        if (options.instance().isPresent()) {
            return options.instance().get();
        }
        String env = this.env.get(HORCMINST);
        if (env == null || env.isBlank()) {
            return InstanceNumber.DEFAULT;
        }
        InstanceNumber n = InstanceNumber.parse(env.trim());
        if (n == null) {
            throw new ArrayException(CciError.EX_INVARG, "HORCMINST=" + env + " is not an instance number (0-" + InstanceNumber.MAX + ")");
        }
        return n;
    }

    /** The started instance this command attaches to; EX_ATTHOR when it is not running. */
    public StartedInstance attach() throws ArrayException {
        InstanceNumber n = instanceNumber();
        // A failed horcmstart says why (e.g. the conf line it could not read), as HORCM's log would on a real host.
        String failed = context.instances().startFailure(n).map(why -> "its last horcmstart failed: " + why + "; correct that and ")
                .orElse("");
        return context.instances().get(n).orElseThrow(() -> new ArrayException(CciError.EX_ATTHOR,
                "HORCM instance " + (n.isDefault() ? "(default, horcm.conf)" : n.value()) + " is not running; " + failed
                        + "start it with horcmstart" + (n.isDefault() ? "" : " " + n.value())
                        + (n.isDefault() ? " or set HORCMINST to a started instance" : "")));
    }

    /** -IM/-ISI or -IH/-ITC first, then HORCC_MRCF (any value but 0 selects ShadowImage). */
    public CopyMode mode() {
        if (options.mode().isPresent()) {
            return options.mode().get();
        }
        String mrcf = env.get(HORCC_MRCF);
        return mrcf != null && !mrcf.isBlank() && !mrcf.trim().equals("0") ? CopyMode.SHADOW_IMAGE : CopyMode.TRUE_COPY;
    }
}
