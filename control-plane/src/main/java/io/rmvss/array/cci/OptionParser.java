package io.rmvss.array.cci;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.horcm.InstanceNumber;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CCI's option syntax, shared by every command: one parser so every command rejects the same mistakes the same way. */
public final class OptionParser {
    /** {@code -I50}, {@code -IM50}, {@code -IH50}, {@code -ISI50}, {@code -ITC50}, {@code -IM} (mode only). */
    private static final Pattern INSTANCE = Pattern.compile("-I(H|M|TC|SI)?(\\d*)");
    /** -h prints the usage; -nomsg suppresses the error lines (the exit code still tells). */
    private static final Set<String> COMMON_FLAGS = Set.of("-h", "-nomsg");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private OptionParser() {
    }

    public static ParsedOptions parse(OptionSpec spec, List<String> args) throws ArrayException {
        Set<String> flags = new HashSet<>();
        Map<String, List<String>> values = new HashMap<>();
        Set<Character> formats = new HashSet<>();
        List<String> positionals = new ArrayList<>();
        Optional<InstanceNumber> instance = Optional.empty();
        Optional<CopyMode> mode = Optional.empty();

        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            Matcher inst = INSTANCE.matcher(arg);
            if (spec.flags().contains(arg) || COMMON_FLAGS.contains(arg)) {
                flags.add(arg);
            } else if (spec.valued().contains(arg) || spec.valuedPlusNumber().contains(arg)) {
                if (i + 1 >= args.size()) {
                    throw new ArrayException(CciError.EX_REQARG, "option " + arg + " needs a value; usage: " + spec.usage());
                }
                List<String> v = new ArrayList<>(List.of(args.get(++i)));
                if (spec.valuedPlusNumber().contains(arg) && i + 1 < args.size() && NUMBER.matcher(args.get(i + 1)).matches()) {
                    v.add(args.get(++i));
                }
                values.put(arg, v);
            } else if (inst.matches() && (inst.group(1) != null || !inst.group(2).isEmpty())) {
                if (!inst.group(2).isEmpty()) {
                    InstanceNumber n = InstanceNumber.parse(inst.group(2));
                    if (n == null) {
                        throw new ArrayException(CciError.EX_INVARG, arg + ": the instance number must be 0-" + InstanceNumber.MAX);
                    }
                    instance = Optional.of(n);
                }
                if (inst.group(1) != null) {
                    mode = Optional.of(inst.group(1).equals("M") || inst.group(1).equals("SI") ? CopyMode.SHADOW_IMAGE : CopyMode.TRUE_COPY);
                }
            } else if (isFormatOption(spec, arg)) {
                arg.substring(2).chars().forEach(c -> formats.add((char) c));
            } else if (arg.startsWith("-") && arg.length() > 1) {
                throw new ArrayException(CciError.EX_UNWOPT, "'" + arg + "' is not an option of this command; usage: " + spec.usage());
            } else {
                positionals.add(arg);
            }
        }
        return new ParsedOptions(Set.copyOf(flags), Map.copyOf(values), Set.copyOf(formats), List.copyOf(positionals), instance, mode);
    }

    private static boolean isFormatOption(OptionSpec spec, String arg) {
        if (!arg.startsWith("-f") || arg.length() < 3 || spec.formatLetters().isEmpty()) {
            return false;
        }
        return arg.substring(2).chars().allMatch(c -> spec.formatLetters().indexOf(c) >= 0);
    }
}
