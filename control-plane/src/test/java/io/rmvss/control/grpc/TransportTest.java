package io.rmvss.control.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.rmvss.control.events.EventCode;
import io.rmvss.control.luns.Interconnect;
import io.rmvss.control.luns.LunInfo;
import io.rmvss.control.service.ControlPlane;
import io.rmvss.control.snapshot.HResult;
import io.rmvss.control.snapshot.ProviderError;
import io.rmvss.control.snapshot.ProviderSettings;
import io.rmvss.control.snapshot.TestLuns;
import io.rmvss.proto.v1.GetStatusRequest;
import io.rmvss.proto.v1.GetStatusResponse;
import io.rmvss.proto.v1.ListEventsRequest;
import io.rmvss.proto.v1.LunInformation;
import io.rmvss.proto.v1.OnLoadRequest;
import io.rmvss.proto.v1.ProviderFault;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The transport's own pieces: LUN mapping, fault mapping, the token file, and a control plane whose environment is unusable. */
@Timeout(60)
class TransportTest {
    @TempDir
    Path dir;

    @Test
    void lunInformationRoundTripsByteForByteAndKeepsAbsentApartFromEmpty() {
        LunInfo full = TestLuns.hitachi(62496, 18, "OPEN-3");
        full = new LunInfo(1, 0, 0, true, 6, full.vendorId(), full.productId(), "\u00e9\u00ff\u0000", full.serialNumber(), full.diskSignature(),
                1, full.identifiers(), List.of(new Interconnect(2, new byte[] {0x50, 0x06, 0x0e, (byte) 0x80}, new byte[] {1, 2, 3})));
        LunInformation wire = LunMapper.toProto(full);
        assertThat(wire.getProductRevision().toByteArray()).containsExactly(0xe9, 0xff, 0x00);
        assertThat(LunMapper.toDomain(wire)).isEqualTo(full);

        LunInfo sparse = new LunInfo(1, 0, 0, false, 1, "", null, "", null, null, 1, List.of(), List.of());
        LunInformation sparseWire = LunMapper.toProto(sparse);
        assertThat(sparseWire.hasVendorId()).isTrue();
        assertThat(sparseWire.hasProductId()).isFalse();
        assertThat(sparseWire.hasProductRevision()).isTrue();
        assertThat(sparseWire.hasSerialNumber()).isFalse();
        assertThat(sparseWire.getDiskSignature()).isEqualTo("00000000-0000-0000-0000-000000000000");
        LunInfo back = LunMapper.toDomain(sparseWire);
        assertThat(back.vendorId()).isEmpty();
        assertThat(back.productId()).isNull();
        assertThat(back.serialNumber()).isNull();
        assertThat(LunMapper.toDomain(LunInformation.newBuilder().setDiskSignature("{6BA7B810-9DAD-11D1-80B4-00C04FD430C8}").build())
                .diskSignature()).isEqualTo(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"));
    }

    @Test
    void grpcCodesFollowProviderProto() {
        assertThat(Faults.codeOf(HResult.VSS_E_BAD_STATE)).isEqualTo(io.grpc.Status.Code.FAILED_PRECONDITION);
        assertThat(Faults.codeOf(HResult.VSS_E_OBJECT_NOT_FOUND)).isEqualTo(io.grpc.Status.Code.NOT_FOUND);
        assertThat(Faults.codeOf(HResult.E_INVALIDARG)).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
        assertThat(Faults.codeOf(HResult.VSS_E_PROVIDER_VETO)).isEqualTo(io.grpc.Status.Code.ABORTED);
        assertThat(Faults.codeOf(HResult.E_OUTOFMEMORY)).isEqualTo(io.grpc.Status.Code.RESOURCE_EXHAUSTED);
        assertThat(Faults.codeOf(HResult.VSS_E_MAXIMUM_NUMBER_OF_VOLUMES_REACHED)).isEqualTo(io.grpc.Status.Code.RESOURCE_EXHAUSTED);
        assertThat(Faults.codeOf(HResult.VSS_E_UNEXPECTED_PROVIDER_ERROR)).isEqualTo(io.grpc.Status.Code.INTERNAL);

        StatusRuntimeException e = Faults.toException(new ProviderError(HResult.VSS_E_PROVIDER_VETO, EventCode.EV_CMDIOE, "pairsplit hung"));
        Status s = StatusProto.fromThrowable(e);
        assertThat(s.getCode()).isEqualTo(io.grpc.Status.Code.ABORTED.value());
        assertThat(Faults.faultOf(e)).get().extracting(ProviderFault::getHresult, ProviderFault::getEventCode, ProviderFault::getDetail)
                .containsExactly(0x80042306, "EV_CMDIOE", "pairsplit hung");
    }

    @Test
    void tokenFileIsOwnerOnlyAndRefusedWhenOthersMayReadIt() throws IOException {
        Path file = dir.resolve("state/token");
        String token = TokenFile.loadOrCreate(file);
        assertThat(token).matches("[0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(TokenFile.loadOrCreate(file)).isEqualTo(token);
        assertThat(TokenFile.loadOrCreate(dir.resolve("other"))).isNotEqualTo(token);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> TokenFile.loadOrCreate(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("chmod 600 " + file).hasMessageContaining("rw-r--r--");
    }

    @Test
    void aMisconfiguredEnvironmentServesAndFailsEveryCallWithEgetev() throws Exception {
        Path state = dir.resolve("state");
        Path tokenFile = state.resolve("token");
        String token = TokenFile.loadOrCreate(tokenFile);
        ControlPlane plane = ControlPlane.open(new ControlPlane.Options(Map.of("VSHTCHORCMINST_LOCAL", "50"), dir.resolve("no-cci"), dir,
                state, ProviderSettings.defaults(), Duration.ofSeconds(10), false));
        try (GrpcServer server = GrpcServer.start(plane, new InetSocketAddress("127.0.0.1", 0), token, tokenFile);
             RpcClient client = new RpcClient("127.0.0.1", server.port(), token, Duration.ofSeconds(10))) {
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                    () -> client.call(VssProviderMethods.ON_LOAD, OnLoadRequest.getDefaultInstance()));
            assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.ABORTED);
            ProviderFault fault = Faults.faultOf(e).orElseThrow();
            assertThat(fault.getEventCode()).isEqualTo("EV_EGETEV");
            assertThat(fault.getHresult()).isEqualTo(HResult.VSS_E_PROVIDER_VETO.code());
            assertThat(fault.getMessage()).isEqualTo(EventCode.EV_EGETEV.text());
            assertThat(fault.getDetail()).contains("VSHTCHOMRCF_MUN", "KAVX5002-E");

            GetStatusResponse status = client.call(ProviderAdminMethods.GET_STATUS, GetStatusRequest.getDefaultInstance());
            assertThat(status.getConfigurationError()).startsWith("[EV_EGETEV]").contains("KAVX5002-E");
            assertThat(status.getLocalInstance()).isEmpty();
            assertThat(client.call(ProviderAdminMethods.LIST_EVENTS, ListEventsRequest.getDefaultInstance()).getEventsList())
                    .extracting(x -> x.getEventCode()).containsOnly("EV_EGETEV").hasSize(2);
        } finally {
            plane.close();
        }
        assertThat(Files.readAllLines(state.resolve("events.jsonl"))).hasSize(2).allMatch(l -> l.contains("EV_EGETEV"));
    }
}
