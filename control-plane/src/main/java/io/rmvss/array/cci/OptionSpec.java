package io.rmvss.array.cci;

import java.util.HashSet;
import java.util.Set;

/**
 * The options one CCI command accepts. Besides these every command takes {@code -I[H|M|TC|SI][inst]},
 * {@code -h} and {@code -nomsg}.
 *
 * @param flags          options without a value, e.g. {@code -vr}
 * @param valued         options followed by one value, e.g. {@code -g snap}
 * @param valuedPlusNumber options followed by a value and an optional number, e.g. {@code -t 60 [interval]}
 * @param formatLetters  letters accepted in combined {@code -f...} options, e.g. {@code xcd} for {@code -fdc}
 */
public record OptionSpec(Set<String> flags, Set<String> valued, Set<String> valuedPlusNumber, String formatLetters, String usage) {
    public static Builder builder(String usage) {
        return new Builder(usage);
    }

    /** Collects a command's options. */
    public static final class Builder {
        private final String usage;
        private final Set<String> flags = new HashSet<>();
        private final Set<String> valued = new HashSet<>();
        private final Set<String> valuedPlusNumber = new HashSet<>();
        private String formatLetters = "";

        private Builder(String usage) {
            this.usage = usage;
        }

        public Builder flags(String... names) {
            flags.addAll(Set.of(names));
            return this;
        }

        public Builder valued(String... names) {
            valued.addAll(Set.of(names));
            return this;
        }

        public Builder valuedPlusNumber(String... names) {
            valuedPlusNumber.addAll(Set.of(names));
            return this;
        }

        public Builder formatLetters(String letters) {
            formatLetters = letters;
            return this;
        }

        public OptionSpec build() {
            return new OptionSpec(Set.copyOf(flags), Set.copyOf(valued), Set.copyOf(valuedPlusNumber), formatLetters, usage);
        }
    }
}
