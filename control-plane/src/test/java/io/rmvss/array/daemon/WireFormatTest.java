package io.rmvss.array.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireFormatTest {
    @Test
    void requestRoundTripsWithArgumentsEnvironmentAndDirectory() throws IOException {
        ArrayRequest request = new ArrayRequest("pairdisplay", List.of("-g", "snap", "-fdc", "ünïcode"),
                Map.of("HORCMINST", "51", "HORCC_MRCF", "1"), Path.of("/tmp/work dir"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WireFormat.writeRequest(new DataOutputStream(bytes), request);

        ArrayRequest read = WireFormat.readRequest(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(read).isEqualTo(request);
    }

    @Test
    void refusesAnAbsurdFieldCountInsteadOfAllocating() {
        byte[] hostile = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThatThrownBy(() -> WireFormat.readRequest(new DataInputStream(new ByteArrayInputStream(hostile))))
                .isInstanceOf(IOException.class).hasMessageContaining("fields");
    }

    @Test
    void refusesATruncatedRequest() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WireFormat.writeRequest(new DataOutputStream(bytes), new ArrayRequest("raidqry", List.of("-l"), Map.of(), Path.of("/")));
        byte[] cut = java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() - 3);
        assertThatThrownBy(() -> WireFormat.readRequest(new DataInputStream(new ByteArrayInputStream(cut))))
                .isInstanceOf(IOException.class);
    }
}
