package io.rmvss.control.grpc;

import com.google.protobuf.ByteString;
import io.rmvss.control.events.EventCode;
import io.rmvss.control.luns.Interconnect;
import io.rmvss.control.luns.LunInfo;
import io.rmvss.control.luns.StorageIdentifier;
import io.rmvss.control.snapshot.HResult;
import io.rmvss.control.snapshot.ProviderError;
import io.rmvss.control.snapshot.ProviderException;
import io.rmvss.proto.v1.LunInformation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code rmvss.v1.LunInformation} (VDS_LUN_INFORMATION on the wire) to and from {@link LunInfo}. The four inquiry fields are
 * bytes on the wire and Latin-1 strings in the domain (every byte value survives the round trip); an absent optional field is
 * null (a NULL pointer in VDS_LUN_INFORMATION), distinct from "". The disk signature is a lower-case GUID without braces; an empty
 * one is GUID_NULL. A malformed signature is E_INVALIDARG / [EV_INVARG].
 */
public final class LunMapper {
    private LunMapper() {
    }

    public static LunInfo toDomain(LunInformation p) {
        List<StorageIdentifier> ids = new ArrayList<>();
        p.getIdentifiersList().forEach(i -> ids.add(new StorageIdentifier(i.getCodeSet(), i.getType(), i.getIdentifier().toByteArray())));
        List<Interconnect> ics = new ArrayList<>();
        p.getInterconnectsList().forEach(i -> ics.add(new Interconnect(i.getAddressType(), i.getPort().toByteArray(),
                i.getAddress().toByteArray())));
        return new LunInfo(p.getVersion(), p.getDeviceType(), p.getDeviceTypeModifier(), p.getCommandQueueing(), p.getBusType(),
                p.hasVendorId() ? latin1(p.getVendorId()) : null,
                p.hasProductId() ? latin1(p.getProductId()) : null,
                p.hasProductRevision() ? latin1(p.getProductRevision()) : null,
                p.hasSerialNumber() ? latin1(p.getSerialNumber()) : null,
                guid(p.getDiskSignature()), p.getDeviceIdDescriptorVersion(), ids, ics);
    }

    public static List<LunInfo> toDomain(List<LunInformation> list) {
        return list.stream().map(LunMapper::toDomain).toList();
    }

    public static LunInformation toProto(LunInfo d) {
        LunInformation.Builder b = LunInformation.newBuilder()
                .setVersion(d.version())
                .setDeviceType(d.deviceType())
                .setDeviceTypeModifier(d.deviceTypeModifier())
                .setCommandQueueing(d.commandQueueing())
                .setBusType(d.busType())
                .setDiskSignature(d.diskSignature().toString())
                .setDeviceIdDescriptorVersion(d.descriptorVersion());
        if (d.vendorId() != null) {
            b.setVendorId(bytes(d.vendorId()));
        }
        if (d.productId() != null) {
            b.setProductId(bytes(d.productId()));
        }
        if (d.productRevision() != null) {
            b.setProductRevision(bytes(d.productRevision()));
        }
        if (d.serialNumber() != null) {
            b.setSerialNumber(bytes(d.serialNumber()));
        }
        for (StorageIdentifier i : d.identifiers()) {
            b.addIdentifiers(io.rmvss.proto.v1.StorageIdentifier.newBuilder().setCodeSet(i.codeSet()).setType(i.type())
                    .setIdentifier(ByteString.copyFrom(i.identifier())));
        }
        for (Interconnect i : d.interconnects()) {
            b.addInterconnects(io.rmvss.proto.v1.Interconnect.newBuilder().setAddressType(i.addressType())
                    .setPort(ByteString.copyFrom(i.port())).setAddress(ByteString.copyFrom(i.address())));
        }
        return b.build();
    }

    public static List<LunInformation> toProto(List<LunInfo> list) {
        return list.stream().map(LunMapper::toProto).toList();
    }

    private static String latin1(ByteString b) {
        return new String(b.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    private static ByteString bytes(String s) {
        return ByteString.copyFrom(s, StandardCharsets.ISO_8859_1);
    }

    private static UUID guid(String text) {
        String t = text.strip();
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.isEmpty()) {
            return LunInfo.GUID_NULL;
        }
        try {
            if (t.length() == 36) {
                return UUID.fromString(t);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ProviderException(new ProviderError(HResult.E_INVALIDARG, EventCode.EV_INVARG,
                "disk_signature '" + text + "' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)"));
    }
}
