package io.rmvss.control.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rmvss.control.events.EventCode;
import io.rmvss.control.events.EventException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderConfigTest {
    @Test
    void seedExample() {
        assertThat(ProviderConfig.fromEnvironment(Map.of("VSHTCHORCMINST_LOCAL", "50", "VSHTCHORCMINST_REMOTE", "51", "VSHTCHOMRCF_MUN", "2")))
                .isEqualTo(new ProviderConfig(50, Optional.of(51), 2));
        assertThat(ProviderConfig.fromEnvironment(Map.of("VSHTCHORCMINST_LOCAL", "50", "VSHTCHOMRCF_MUN", "0")).svolInstance()).isEqualTo(50);
    }

    @Test
    void anImportHostSetsOnlyRemote() {
        // Seed 3.7.2's note: LOCAL on the P-VOL side (export) host, REMOTE on the S-VOL side (import) host.
        assertThat(ProviderConfig.fromEnvironment(Map.of("VSHTCHORCMINST_REMOTE", "51", "VSHTCHOMRCF_MUN", "2")))
                .as("its one instance serves as the local one").isEqualTo(new ProviderConfig(51, Optional.of(51), 2));
    }

    @Test
    void missingLocalIsEgetevWithKavx5003() {
        assertThatThrownBy(() -> ProviderConfig.fromEnvironment(Map.of("VSHTCHOMRCF_MUN", "2")))
                .isInstanceOfSatisfying(EventException.class, e -> {
                    assertThat(e.code()).isEqualTo(EventCode.EV_EGETEV);
                    assertThat(e.event().kavx()).isEqualTo("KAVX5003-E CCI Shadow Copy Provider could not be used."
                            + " Make sure that VSS has been set up correctly.");
                    assertThat(e.event().detail()).contains("VSHTCHORCMINST_LOCAL");
                });
    }

    @Test
    void missingOrInvalidMuIsEgetevWithKavx5002() {
        for (String mu : new String[] {null, "3", "-1", "two", " "}) {
            Map<String, String> env = mu == null ? Map.of("VSHTCHORCMINST_LOCAL", "50") : Map.of("VSHTCHORCMINST_LOCAL", "50", "VSHTCHOMRCF_MUN", mu);
            assertThatThrownBy(() -> ProviderConfig.fromEnvironment(env)).as("MU# %s", mu)
                    .isInstanceOfSatisfying(EventException.class, e -> {
                        assertThat(e.code()).isEqualTo(EventCode.EV_EGETEV);
                        assertThat(e.event().kavx()).startsWith("KAVX5002-E The system environment variable VSHTCHOMRCF_MUN is not set,"
                                + " or an illegal value is set.");
                    });
        }
    }

    @Test
    void invalidInstance() {
        assertThatThrownBy(() -> ProviderConfig.fromEnvironment(Map.of("VSHTCHORCMINST_LOCAL", "4096", "VSHTCHOMRCF_MUN", "2")))
                .isInstanceOfSatisfying(EventException.class, e -> assertThat(e.event().kavx()).startsWith("KAVX5003-E"));
    }
}
