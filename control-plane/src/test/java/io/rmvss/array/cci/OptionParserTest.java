package io.rmvss.array.cci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rmvss.array.ArrayException;
import io.rmvss.array.CciError;
import io.rmvss.array.horcm.InstanceNumber;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionParserTest {
    private static final OptionSpec SPEC = OptionSpec.builder("pairdisplay -g <group> [-fxcd]")
            .flags("-l", "-CLI").valued("-g", "-d", "-m").valuedPlusNumber("-t").formatLetters("xcd").build();

    @Test
    void parsesValuesFlagsAndCombinedFormats() throws Exception {
        ParsedOptions o = OptionParser.parse(SPEC, List.of("-g", "snap", "-fdc", "-l", "-t", "60", "5", "-IM51"));
        assertThat(o.value("-g")).contains("snap");
        assertThat(o.format('d')).isTrue();
        assertThat(o.format('c')).isTrue();
        assertThat(o.format('x')).isFalse();
        assertThat(o.has("-l")).isTrue();
        assertThat(o.value("-t")).contains("60");
        assertThat(o.secondValue("-t")).contains("5");
        assertThat(o.instance()).contains(new InstanceNumber(51));
        assertThat(o.mode()).contains(CopyMode.SHADOW_IMAGE);
    }

    @Test
    void instanceOptionVariants() throws Exception {
        assertThat(OptionParser.parse(SPEC, List.of("-I50")).mode()).isEmpty();
        assertThat(OptionParser.parse(SPEC, List.of("-ISI7")).mode()).contains(CopyMode.SHADOW_IMAGE);
        assertThat(OptionParser.parse(SPEC, List.of("-ITC7")).mode()).contains(CopyMode.TRUE_COPY);
        assertThat(OptionParser.parse(SPEC, List.of("-IH")).instance()).isEmpty();
    }

    @Test
    void secondValueOnlyWhenNumeric() throws Exception {
        ParsedOptions o = OptionParser.parse(SPEC, List.of("-t", "60", "-l"));
        assertThat(o.secondValue("-t")).isEmpty();
        assertThat(o.has("-l")).isTrue();
    }

    @Test
    void unknownOptionAndMissingValue() {
        assertThatThrownBy(() -> OptionParser.parse(SPEC, List.of("-g", "snap", "-zork")))
                .isInstanceOfSatisfying(ArrayException.class, e -> assertThat(e.error()).isEqualTo(CciError.EX_UNWOPT))
                .hasMessageContaining("'-zork'");
        assertThatThrownBy(() -> OptionParser.parse(SPEC, List.of("-fq")))
                .isInstanceOfSatisfying(ArrayException.class, e -> assertThat(e.error()).isEqualTo(CciError.EX_UNWOPT));
        assertThatThrownBy(() -> OptionParser.parse(SPEC, List.of("-g")))
                .isInstanceOfSatisfying(ArrayException.class, e -> assertThat(e.error()).isEqualTo(CciError.EX_REQARG));
        assertThatThrownBy(() -> OptionParser.parse(SPEC, List.of("-I9999")))
                .isInstanceOfSatisfying(ArrayException.class, e -> assertThat(e.error()).isEqualTo(CciError.EX_INVARG));
    }
}
