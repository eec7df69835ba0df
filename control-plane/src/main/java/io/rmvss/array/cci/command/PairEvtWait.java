package io.rmvss.array.cci.command;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.cci.CciCommand;
import io.rmvss.array.cci.GroupPair;
import io.rmvss.array.cci.GroupResolver;
import io.rmvss.array.cci.Invocation;
import io.rmvss.array.cci.OptionSpec;
import io.rmvss.array.cci.PairBindings;
import io.rmvss.array.cci.PairVolume;
import io.rmvss.array.shadowimage.PairInfo;
import io.rmvss.array.shadowimage.ShadowImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * pairevtwait -g group | -d dev_name {-s status... | -ss status... | -nowait | -nowaits} [-t timeout [interval]]:
 * waits until every pair of the selection shows one of the statuses (CCI ORs several) on its P-VOL (-s) or S-VOL (-ss).
 * An error suspend (PSUE) while waiting for anything else ends the wait with EX_EWSUSE.
 * The interval is accepted for compatibility; state changes are seen as they happen.
 * -nowait / -nowaits return the P-VOL / S-VOL status as the exit code instead (1 SMPL .. 5 PSUE).
 */
public final class PairEvtWait implements CciCommand {
    private static final Set<String> PVOL_TARGETS = Set.of("SMPL", "COPY", "PAIR", "PSUS", "PSUE");
    private static final Set<String> SVOL_TARGETS = Set.of("SMPL", "COPY", "PAIR", "SSUS", "PSUE");
    /** How long one blocking wait on a pair lasts before the group's pairing is looked at again. */
    private static final Duration SLICE = Duration.ofMillis(500);
    private static final Duration SMPL_POLL = Duration.ofMillis(50);

    @Override
    public String name() { return "pairevtwait"; }

    @Override
    public OptionSpec options() {
        return OptionSpec.builder("pairevtwait {-g <group> | -d <pair Vol>} {-s <status> | -ss <status> | -nowait | -nowaits}"
                        + " [-t <timeout(s)> [interval]]")
                .valued("-g", "-d", "-s", "-ss").valuedPlusNumber("-t").flags("-nowait", "-nowaits").build();
    }

    @Override
    public int run(Invocation inv) throws ArrayException, InterruptedException {
        boolean nowait = inv.options().has("-nowait") || inv.options().has("-nowaits");
        int modes = (inv.options().has("-s") ? 1 : 0) + (inv.options().has("-ss") ? 1 : 0) + (nowait ? 1 : 0);
        if (modes != 1 || (inv.options().has("-nowait") && inv.options().has("-nowaits"))) {
            throw new ArrayException(modes == 0 ? CciError.EX_REQARG : CciError.EX_INVARG,
                    "give one of -s <smpl|copy|pair|psus|psue>, -ss <smpl|copy|pair|ssus|psue>, -nowait or -nowaits");
        }
        boolean svolSide = inv.options().has("-ss") || inv.options().has("-nowaits");
        Set<String> targets = new LinkedHashSet<>();
        if (!nowait) {
            List<String> words = new ArrayList<>(List.of(inv.options().value(svolSide ? "-ss" : "-s").orElseThrow()));
            words.addAll(inv.options().positionals());
            for (String word : words) {
                String wanted = word.toUpperCase(Locale.ROOT);
                if (!(svolSide ? SVOL_TARGETS : PVOL_TARGETS).contains(wanted)) {
                    throw new ArrayException(CciError.EX_INVARG, "'" + word + "' is not a status for "
                            + (svolSide ? "-ss: use smpl, copy, pair, ssus or psue" : "-s: use smpl, copy, pair, psus or psue (ssus with -ss)"));
                }
                targets.add(wanted);
            }
        } else if (!inv.options().positionals().isEmpty()) {
            throw new ArrayException(CciError.EX_INVARG, "unexpected '" + inv.options().positionals().get(0) + "'");
        }
        Duration timeout = timeout(inv);
        List<GroupPair> pairs = GroupResolver.pairs(inv);
        ShadowImage si = inv.context().array().shadowImage();
        if (nowait) {
            return currentStatusCode(si, pairs, svolSide);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (GroupPair p : pairs) {
            waitFor(si, p, targets, svolSide, deadline, timeout);
        }
        inv.out().println("pairevtwait : Wait status done.");
        return 0;
    }

    private static Duration timeout(Invocation inv) throws ArrayException {
        Optional<String> t = inv.options().value("-t");
        if (t.isEmpty()) {
            return Duration.ofDays(3650);
        }
        try {
            long seconds = Long.parseLong(t.get());
            if (seconds >= 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ArrayException(CciError.EX_INVARG, "-t takes a timeout in seconds (and optionally an interval), not '" + t.get() + "'");
    }

    private static void waitFor(ShadowImage si, GroupPair p, Set<String> targets, boolean svolSide, long deadline, Duration timeout)
            throws ArrayException, InterruptedException {
        while (true) {
            Optional<GroupPair.Binding> binding = PairBindings.find(si, p);
            String status = binding.map(b -> status(b.info(), svolSide)).orElse("SMPL");
            if (matches(status, targets)) {
                return;
            }
            if (status.equals("PSUE")) {
                throw new ArrayException(CciError.EX_EWSUSE, p.devName() + " of group " + p.group() + " went to PSUE (error suspend) while waiting for "
                        + String.join(" or ", targets) + "; resynchronise it with pairresync");
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new ArrayException(CciError.EX_EWSTOT, p.devName() + " of group " + p.group() + " is still " + status + " on the "
                        + (svolSide ? "S-VOL" : "P-VOL") + " after " + timeout.toSeconds() + " s; wait longer with -t <seconds>");
            }
            if (binding.isEmpty()) {
                Thread.sleep(Math.min(SMPL_POLL.toMillis(), Math.max(1, remaining / 1_000_000)));
                continue;
            }
            PairVolume pvol = p.pvolSide(binding.get());
            Duration slice = Duration.ofNanos(Math.min(remaining, SLICE.toNanos()));
            si.await(pvol.id(), pvol.mu(), info -> info.svol() == null || matches(status(info, svolSide), targets)
                    || status(info, svolSide).equals("PSUE"), slice);
        }
    }

    private static String status(PairInfo info, boolean svolSide) {
        return svolSide ? info.state().svolStatus() : info.state().pvolStatus();
    }

    /** COPY also covers RCPY, as CCI's copy state covers restores. */
    private static boolean matches(String status, Set<String> targets) {
        return targets.contains(status) || (targets.contains("COPY") && status.equals("RCPY"));
    }

    /** -nowait(s): 1 SMPL, 2 COPY/RCPY, 3 PAIR, 4 PSUS/SSUS, 5 PSUE; a group whose pairs differ is EX_ENQVOL. */
    private static int currentStatusCode(ShadowImage si, List<GroupPair> pairs, boolean svolSide) throws ArrayException {
        Integer code = null;
        for (GroupPair p : pairs) {
            String status = PairBindings.find(si, p).map(b -> status(b.info(), svolSide)).orElse("SMPL");
            int c = switch (status) {
                case "SMPL" -> 1;
                case "COPY", "RCPY" -> 2;
                case "PAIR" -> 3;
                case "PSUS", "SSUS" -> 4;
                default -> 5;
            };
            if (code != null && code != c) {
                throw new ArrayException(CciError.EX_ENQVOL, "the pairs of group " + p.group() + " are in different states; "
                        + "check them with pairdisplay -g " + p.group());
            }
            code = c;
        }
        return code;
    }
}
