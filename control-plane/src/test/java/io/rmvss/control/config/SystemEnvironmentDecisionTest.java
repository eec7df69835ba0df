package io.rmvss.control.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rmvss.control.events.EventCode;
import io.rmvss.control.events.EventException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Seed 1.3: a VSHTCH* value set in the machine's system environment (the registry on Windows) but absent from, or different in,
 * the running service's environment is reported as set but not effective until the server is restarted. The registry is an
 * in-memory view here; the JNA reader (io.rmvss.control.windows.RegistrySystemEnvironment) only runs on Windows.
 */
class SystemEnvironmentDecisionTest {
    private static SystemEnvironment registry(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }

    private static EventException refused(Map<String, String> service, Map<String, String> stored) {
        EventException e = catchThrowableOfType(EventException.class, () -> ProviderConfig.fromEnvironment(service, registry(stored)));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(EventCode.EV_EGETEV);
        return e;
    }

    @Test
    void setInTheRegistryButNotInTheServiceNeedsARestart() {
        EventException local = refused(Map.of("VSHTCHOMRCF_MUN", "2"), Map.of("VSHTCHORCMINST_LOCAL", "50", "VSHTCHOMRCF_MUN", "2"));
        assertThat(local.event().kavx()).startsWith("KAVX5003-E");
        assertThat(local.event().detail()).contains("VSHTCHORCMINST_LOCAL is set ('50' in HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session"
                + " Manager\\Environment) but not in the service's environment", "not effective until the server is restarted",
                "restart the server");

        EventException mun = refused(Map.of("VSHTCHORCMINST_LOCAL", "50"), Map.of("VSHTCHORCMINST_LOCAL", "50", "VSHTCHOMRCF_MUN", " 1 "));
        assertThat(mun.event().kavx()).startsWith("KAVX5002-E");
        assertThat(mun.event().detail()).contains("VSHTCHOMRCF_MUN is set ('1' in HKLM", "not effective until the server is restarted");
    }

    @Test
    void setNowhereIsSimplyNotSet() {
        EventException e = refused(Map.of("VSHTCHOMRCF_MUN", "2"), Map.of("VSHTCHORCMINST_LOCAL", "  "));
        assertThat(e.event().detail()).contains("VSHTCHORCMINST_LOCAL is not set in the service's environment").doesNotContain("HKLM");
    }

    @Test
    void anInvalidValueAlreadyCorrectedInTheRegistrySaysSo() {
        EventException e = refused(Map.of("VSHTCHORCMINST_LOCAL", "50", "VSHTCHOMRCF_MUN", "7"),
                Map.of("VSHTCHORCMINST_LOCAL", "50", "VSHTCHOMRCF_MUN", "2"));
        assertThat(e.event().detail()).contains("'7' is not a ShadowImage MU#", "holds '2', which is not effective until the server is restarted");
        EventException same = refused(Map.of("VSHTCHORCMINST_LOCAL", "x50"), Map.of("VSHTCHORCMINST_LOCAL", "x50"));
        assertThat(same.event().detail()).doesNotContain("restarted");
    }

    @Test
    void valuesChangedSinceTheServiceStartedAreListed() {
        Map<String, String> service = Map.of("VSHTCHORCMINST_LOCAL", "50", "VSHTCHOMRCF_MUN", "1");
        assertThat(ProviderConfig.fromEnvironment(service, registry(Map.of("VSHTCHORCMINST_LOCAL", "50", "VSHTCHOMRCF_MUN", "2"))).mu())
                .as("the running service keeps what it started with").isEqualTo(1);
        assertThat(ProviderConfig.notYetEffective(service, registry(Map.of("VSHTCHORCMINST_LOCAL", "50", "VSHTCHOMRCF_MUN", "2",
                "VSHTCHORCMINST_REMOTE", "51")))).containsExactly(
                "VSHTCHORCMINST_REMOTE is '51' in HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment but not set in the"
                        + " service's environment: not effective until the server is restarted (seed 1.3)",
                "VSHTCHOMRCF_MUN is '2' in HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment but '1' in the"
                        + " service's environment: not effective until the server is restarted (seed 1.3)");
        assertThat(ProviderConfig.notYetEffective(service, registry(Map.of("VSHTCHORCMINST_LOCAL", " 50", "VSHTCHOMRCF_MUN", "1")))).isEmpty();
        assertThat(ProviderConfig.notYetEffective(service, SystemEnvironment.none())).isEmpty();
    }
}
