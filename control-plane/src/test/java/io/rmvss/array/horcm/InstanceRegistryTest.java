package io.rmvss.array.horcm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceRegistryTest {
    @TempDir
    Path stateDir;

    @Test
    void startedInstancesAndTheirConfSurviveARestart() throws Exception {
        String text = SeedConfs.HORCM50;
        HorcmConf conf = HorcmConfParser.parse(Path.of("/etc/horcm50.conf"), text);
        InstanceRegistry registry = new InstanceRegistry(stateDir);
        InstanceNumber fifty = new InstanceNumber(50);
        assertThat(registry.start(new StartedInstance(fifty, conf, text))).isTrue();
        assertThat(registry.start(new StartedInstance(fifty, conf, text))).isFalse();

        InstanceRegistry reopened = new InstanceRegistry(stateDir);
        assertThat(reopened.get(fifty)).hasValueSatisfying(i -> {
            assertThat(i.conf()).isEqualTo(conf);
            assertThat(i.confText()).isEqualTo(text);
        });
        assertThat(reopened.stop(fifty)).isTrue();
        assertThat(reopened.stop(fifty)).isFalse();
        assertThat(new InstanceRegistry(stateDir).all()).isEmpty();
    }
}
