package io.rmvss.array.cci;

import io.rmvss.array.horcm.InstanceNumber;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command line after parsing.
 *
 * @param values      each valued option's arguments (one, or two for {@code -t timeout interval})
 * @param formats     letters of {@code -f...} options, e.g. {@code d} and {@code c} for {@code -fdc}
 * @param instance    from {@code -I50}, {@code -IM50}, ...
 * @param mode        from {@code -IM}/{@code -ISI} (ShadowImage) or {@code -IH}/{@code -ITC} (TrueCopy)
 */
public record ParsedOptions(Set<String> flags, Map<String, List<String>> values, Set<Character> formats,
                            List<String> positionals, Optional<InstanceNumber> instance, Optional<CopyMode> mode) {
    public boolean has(String option) {
        return flags.contains(option) || values.containsKey(option);
    }

    public Optional<String> value(String option) {
        List<String> v = values.get(option);
        return v == null ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The optional number after a {@code valuedPlusNumber} option's value. */
    public Optional<String> secondValue(String option) {
        List<String> v = values.get(option);
        return v == null || v.size() < 2 ? Optional.empty() : Optional.of(v.get(1));
    }

    public boolean format(char letter) {
        return formats.contains(letter);
    }
}
