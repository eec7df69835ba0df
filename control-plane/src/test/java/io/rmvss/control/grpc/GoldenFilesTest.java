package io.rmvss.control.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import com.google.rpc.Status;
import io.rmvss.control.events.EventCode;
import io.rmvss.control.snapshot.HResult;
import io.rmvss.control.snapshot.ProviderError;
import io.rmvss.proto.v1.BeginPrepareSnapshotRequest;
import io.rmvss.proto.v1.DeviceLun;
import io.rmvss.proto.v1.Interconnect;
import io.rmvss.proto.v1.Lun;
import io.rmvss.proto.v1.LunInformation;
import io.rmvss.proto.v1.Provider;
import io.rmvss.proto.v1.ProviderFault;
import io.rmvss.proto.v1.StorageIdentifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Golden files that keep the C++ encoder/decoder (provider-native, hand-written over provider-bridge) and Java's protobuf in step.
 * {@code proto/testdata/NAME.bin} is Java's canonical encoding of the message below (field order, no unknown fields) and
 * {@code NAME.txt} its text format; proto/testdata/README.md lists the values. The C++ side writes {@code proto/testdata/cpp/NAME.bin}
 * from the same values; this test decodes those and checks they hold the same messages.
 * <p>
 * Regenerate after a deliberate change: {@code mvn -q test -Dtest=GoldenFilesTest -Drmvss.golden.write=true}, then commit.
 */
class GoldenFilesTest {
    static final Path TESTDATA = Path.of(System.getProperty("rmvss.repo", "..")).toAbsolutePath().normalize().resolve("proto/testdata");
    static final String SET_ID = "7d1f6a52-0000-4000-8000-000000000001";

    static final LunInformation LUN_FULL = LunInformation.newBuilder()
            .setVersion(1)
            .setDeviceType(0)
            .setDeviceTypeModifier(0)
            .setCommandQueueing(true)
            .setBusType(6)
            .setVendorId(ascii("HITACHI "))
            .setProductId(ascii("OPEN-V          "))
            .setProductRevision(ascii("7303"))
            .setSerialNumber(ascii("50 0F420 0012"))
            .setDiskSignature("6ba7b810-9dad-11d1-80b4-00c04fd430c8")
            .setDeviceIdDescriptorVersion(1)
            .addIdentifiers(StorageIdentifier.newBuilder().setCodeSet(1).setType(3).setIdentifier(hex("60060e800000f4200000000000000012")))
            .addIdentifiers(StorageIdentifier.newBuilder().setCodeSet(2).setType(1).setIdentifier(ascii("HITACHI 50 0F420 0012")))
            .addInterconnects(Interconnect.newBuilder().setAddressType(2).setPort(hex("50060e8012345678")).setAddress(hex("50060e8012345679")))
            .addInterconnects(Interconnect.newBuilder().setAddressType(0))
            .build();

    static final LunInformation LUN_OPTIONAL = LunInformation.newBuilder()
            .setVersion(1)
            .setBusType(1)
            .setVendorId(ByteString.EMPTY)
            .setProductRevision(hex("e9ff"))
            .build();

    static final BeginPrepareSnapshotRequest BEGIN_PREPARE = BeginPrepareSnapshotRequest.newBuilder()
            .setSnapshotSetId(SET_ID)
            .setSnapshotId("7d1f6a52-0000-4000-8000-0000000000a1")
            .setContext(9)
            .addLuns(DeviceLun.newBuilder()
                    .setDevice("\\\\?\\scsi#disk&ven_hitachi&prod_open-v#5&1a2b3c4d&0&000012#{53f56307-b6bf-11d0-94f2-00a0c91efb8b}")
                    .setLun(LUN_FULL))
            .build();

    static final ProviderError BAD_STATE = new ProviderError(HResult.VSS_E_BAD_STATE, EventCode.EV_INVSEQ,
            "CommitSnapshots for snapshot set " + SET_ID + " in state PREPARING");

    /** name -> the message Java builds, and how to parse the other side's bytes. */
    static Map<String, Golden> goldens() {
        Map<String, Golden> m = new LinkedHashMap<>();
        m.put("lun_information", new Golden(LUN_FULL, b -> parse(() -> LunInformation.parseFrom(b))));
        m.put("lun_information_optional", new Golden(LUN_OPTIONAL, b -> parse(() -> LunInformation.parseFrom(b))));
        m.put("begin_prepare_snapshot_request", new Golden(BEGIN_PREPARE, b -> parse(() -> BeginPrepareSnapshotRequest.parseFrom(b))));
        m.put("provider_fault", new Golden(Faults.fault(BAD_STATE), b -> parse(() -> ProviderFault.parseFrom(b))));
        m.put("status_with_provider_fault", new Golden(Faults.status(BAD_STATE), b -> parse(() -> Status.parseFrom(b))));
        return m;
    }

    record Golden(Message message, Function<byte[], Message> parser) {
    }

    @Test
    void javaEncodingEqualsTheCommittedGoldenFiles() throws IOException {
        boolean write = Boolean.getBoolean("rmvss.golden.write");
        for (Map.Entry<String, Golden> e : goldens().entrySet()) {
            byte[] bytes = e.getValue().message().toByteArray();
            String text = TextFormat.printer().escapingNonAscii(true).printToString(e.getValue().message());
            Path bin = TESTDATA.resolve(e.getKey() + ".bin");
            Path txt = TESTDATA.resolve(e.getKey() + ".txt");
            if (write) {
                Files.createDirectories(TESTDATA);
                Files.write(bin, bytes);
                Files.writeString(txt, text, StandardCharsets.UTF_8);
            }
            assertThat(bin).as("golden file; create with -Drmvss.golden.write=true").exists();
            assertThat(Files.readAllBytes(bin)).as(bin + " (regenerate deliberately with -Drmvss.golden.write=true)")
                    .isEqualTo(bytes);
            assertThat(Files.readString(txt, StandardCharsets.UTF_8)).as(txt.toString()).isEqualTo(text);
        }
    }

    @Test
    void theCommittedFilesDecodeAsTheDllAndTheMapperNeedThem() throws Exception {
        Status status = Status.parseFrom(Files.readAllBytes(TESTDATA.resolve("status_with_provider_fault.bin")));
        assertThat(status.getCode()).isEqualTo(io.grpc.Status.Code.FAILED_PRECONDITION.value());
        assertThat(status.getDetails(0).getTypeUrl()).isEqualTo("type.googleapis.com/rmvss.v1.ProviderFault");
        ProviderFault fault = status.getDetails(0).unpack(ProviderFault.class);
        assertThat(fault.getHresult()).isEqualTo(0x80042301);
        assertThat(Faults.faultOf(io.grpc.protobuf.StatusProto.toStatusRuntimeException(status))).contains(fault);
        LunInformation optional = LunInformation.parseFrom(Files.readAllBytes(TESTDATA.resolve("lun_information_optional.bin")));
        assertThat(optional.hasVendorId()).isTrue();
        assertThat(optional.hasProductId()).isFalse();
        assertThat(LunMapper.toDomain(optional).vendorId()).isEmpty();
        assertThat(LunMapper.toDomain(optional).productId()).isNull();
        assertThat(LunMapper.toDomain(optional).productRevision()).isEqualTo("\u00e9\u00ff");
    }

    /**
     * proto/testdata/cpp/NAME.bin, written by the C++ codec, against the values its README states in
     * text format: Java's parser must read the same message, and Java must encode it to the same bytes.
     */
    @Test
    void filesWrittenByTheCppSideDecodeToTheValuesTheirReadmeStates() throws IOException {
        Path cpp = TESTDATA.resolve("cpp");
        Map<String, Descriptors.Descriptor> types = new LinkedHashMap<>();
        for (Descriptors.FileDescriptor file : List.of(Lun.getDescriptor(), Provider.getDescriptor(), Status.getDescriptor().getFile())) {
            file.getMessageTypes().forEach(t -> types.put(t.getFullName(), t));
        }
        Matcher section = Pattern.compile("## (\\S+)\\.bin\\s+`([\\w.]+)`[^\\n]*\\n+```\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(cpp.resolve("README.md")));
        List<String> checked = new ArrayList<>();
        while (section.find()) {
            String name = section.group(1);
            Descriptors.Descriptor type = types.get(section.group(2));
            assertThat(type).as(name + ": type " + section.group(2) + " is not in the .proto files").isNotNull();
            DynamicMessage.Builder stated = DynamicMessage.newBuilder(type);
            TextFormat.merge(section.group(3), stated);
            byte[] bytes = Files.readAllBytes(cpp.resolve(name + ".bin"));
            DynamicMessage decoded = DynamicMessage.parseFrom(type, bytes);
            assertThat(decoded).as(name + ".bin decodes to the values its README states").isEqualTo(stated.build());
            assertThat(stated.build().toByteArray()).as(name + ".bin: Java encodes the same values to the same bytes").isEqualTo(bytes);
            checked.add(name + ".bin");
        }
        try (var s = Files.list(cpp)) {
            List<String> files = s.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".bin")).sorted().toList();
            assertThat(checked).as("every C++ golden file has its values in cpp/README.md").containsExactlyInAnyOrderElementsOf(files);
            assertThat(files).as("the C++ side writes its goldens").isNotEmpty();
        }
    }

    private interface Parse {
        Message run() throws IOException;
    }

    private static Message parse(Parse p) {
        try {
            return p.run();
        } catch (IOException e) {
            throw new AssertionError("not a valid encoding: " + e.getMessage(), e);
        }
    }

    private static ByteString ascii(String s) {
        return ByteString.copyFrom(s, StandardCharsets.US_ASCII);
    }

    private static ByteString hex(String h) {
        return ByteString.copyFrom(HexFormat.of().parseHex(h));
    }
}
