package io.rmvss.control.cci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rmvss.control.events.EventCode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Windows' limit on one environment value, checked before a CCI command is started there (Linux's E2BIG is in EventFaultsTest). */
class ChildEnvironmentTest {
    @Test
    void aValueOverWindowsLimitIsEsetevNamingTheVariable() {
        Map<String, String> env = Map.of("HORCMINST", "50", "HORCM_ETC", "C:\\" + "h".repeat(32_765));
        CciException e = catchThrowableOfType(CciException.class, () -> ChildEnvironment.check(env, "HORCMINST=50 raidqry -g", true));
        assertThat(e.code()).isEqualTo(EventCode.EV_ESETEV);
        assertThat(e.event().detail()).contains("HORCM_ETC", "32768 characters", "at most 32767", "restart");

        ChildEnvironment.check(Map.of("HORCM_ETC", "C:\\" + "h".repeat(32_764)), "raidqry -g", true);
        ChildEnvironment.check(env, "raidqry -g", false);
    }
}
