#include "proto_codec.h"

#include <cstdio>

namespace rmvss::native {

namespace pb = rmvss::bridge::pb;
using bridge::Bytes;

std::string uuid_text(const Uuid& u) {
    std::string braced = u.str();
    return braced.substr(1, braced.size() - 2);
}

bool parse_uuid(const std::string& text, Uuid& u) {
    std::string t = text;
    if (t.size() == 38 && t.front() == '{' && t.back() == '}') t = t.substr(1, 36);
    if (t.size() != 36) return false;
    unsigned v[11];
    for (size_t i = 0; i < t.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        char c = t[i];
        bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (dash ? c != '-' : !hex) return false;
    }
    if (std::sscanf(t.c_str(), "%8x-%4x-%4x-%2x%2x-%2x%2x%2x%2x%2x%2x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6],
                    &v[7], &v[8], &v[9], &v[10]) != 11)
        return false;
    u.data1 = v[0];
    u.data2 = static_cast<uint16_t>(v[1]);
    u.data3 = static_cast<uint16_t>(v[2]);
    for (int i = 0; i < 8; ++i) u.data4[i] = static_cast<uint8_t>(v[3 + i]);
    return true;
}

namespace {

std::optional<Bytes> to_bytes(const std::optional<std::string>& s) {
    if (!s) return std::nullopt;
    return Bytes(s->begin(), s->end());
}
std::optional<std::string> to_string(const std::optional<Bytes>& b) {
    if (!b) return std::nullopt;
    return std::string(b->begin(), b->end());
}

pb::DeviceLun to_proto(const DeviceLun& d) { return pb::DeviceLun{d.device, rmvss::native::to_proto(d.lun)}; }

std::vector<pb::DeviceLun> device_luns(const std::vector<DeviceLun>& in) {
    std::vector<pb::DeviceLun> out;
    for (const auto& d : in) out.push_back(to_proto(d));
    return out;
}
std::vector<pb::LunInformation> luns(const std::vector<LunInfo>& in) {
    std::vector<pb::LunInformation> out;
    for (const auto& l : in) out.push_back(rmvss::native::to_proto(l));
    return out;
}
bool from_proto_all(const std::vector<pb::LunInformation>& in, std::vector<LunInfo>& out) {
    for (const auto& l : in) {
        LunInfo lun;
        if (!from_proto(l, lun)) return false;
        out.push_back(std::move(lun));
    }
    return true;
}

template <typename T>
bool parse(const std::vector<uint8_t>& message, T& out) {
    auto decoded = pb::decode<T>(message);
    if (!decoded) return false;
    out = std::move(decoded).value();
    return true;
}

class ProtoCodec final : public MessageCodec {
public:
    std::string method_path(VssCall call) const override { return pb::method_path(call_name(call)); }

    bool encode(const CallRequest& r, std::vector<uint8_t>& message) const override {
        const std::string set = uuid_text(r.set);
        switch (r.call) {
        case VssCall::AreLunsSupported: {
            pb::AreLunsSupportedRequest m;
            m.context = r.context;
            m.luns = device_luns(r.luns);
            message = pb::encode(m);
            return true;
        }
        case VssCall::FillInLunInfo:
        case VssCall::OnLunEmpty: {
            if (r.luns.size() != 1) return false;
            if (r.call == VssCall::FillInLunInfo) {
                pb::FillInLunInfoRequest m;
                m.lun = to_proto(r.luns[0]);
                message = pb::encode(m);
            } else {
                pb::OnLunEmptyRequest m;
                m.lun = to_proto(r.luns[0]);
                message = pb::encode(m);
            }
            return true;
        }
        case VssCall::BeginPrepareSnapshot: {
            pb::BeginPrepareSnapshotRequest m;
            m.snapshot_set_id = set;
            m.snapshot_id = uuid_text(r.snapshot);
            m.context = r.context;
            m.luns = device_luns(r.luns);
            message = pb::encode(m);
            return true;
        }
        case VssCall::GetTargetLuns: {
            pb::GetTargetLunsRequest m;
            m.sources = device_luns(r.luns);
            message = pb::encode(m);
            return true;
        }
        case VssCall::LocateLuns: {
            pb::LocateLunsRequest m;
            m.sources = luns(r.sources);
            message = pb::encode(m);
            return true;
        }
        case VssCall::EndPrepareSnapshots: message = pb::encode(pb::EndPrepareSnapshotsRequest{set}); return true;
        case VssCall::PreCommitSnapshots: message = pb::encode(pb::PreCommitSnapshotsRequest{set}); return true;
        case VssCall::CommitSnapshots: message = pb::encode(pb::CommitSnapshotsRequest{set}); return true;
        case VssCall::PostCommitSnapshots: message = pb::encode(pb::PostCommitSnapshotsRequest{set, r.snapshot_count}); return true;
        case VssCall::PreFinalCommitSnapshots: message = pb::encode(pb::PreFinalCommitSnapshotsRequest{set}); return true;
        case VssCall::PostFinalCommitSnapshots: message = pb::encode(pb::PostFinalCommitSnapshotsRequest{set}); return true;
        case VssCall::AbortSnapshots: message = pb::encode(pb::AbortSnapshotsRequest{set}); return true;
        case VssCall::OnLunStateChange: {
            pb::OnLunStateChangeRequest m;
            m.snapshot_luns = luns(r.targets);
            m.original_luns = luns(r.sources);
            m.flags = r.flags;
            message = pb::encode(m);
            return true;
        }
        case VssCall::ResyncLuns: {
            pb::ResyncLunsRequest m;
            m.sources = luns(r.sources);
            m.targets = luns(r.targets);
            message = pb::encode(m);
            return true;
        }
        case VssCall::GetResyncStatus: message = pb::encode(pb::GetResyncStatusRequest{r.operation_id}); return true;
        }
        return false;
    }

    bool decode(VssCall call, const std::vector<uint8_t>& message, Reply& reply) const override {
        reply.hresult = 0;
        switch (call) {
        case VssCall::AreLunsSupported: {
            pb::AreLunsSupportedResponse m;
            if (!parse(message, m)) return false;
            reply.supported = m.supported;
            return from_proto_all(m.luns, reply.luns);
        }
        case VssCall::FillInLunInfo: {
            pb::FillInLunInfoResponse m;
            if (!parse(message, m)) return false;
            reply.supported = m.supported;
            if (!m.lun) return true;
            LunInfo lun;
            if (!from_proto(*m.lun, lun)) return false;
            reply.luns.push_back(std::move(lun));
            return true;
        }
        case VssCall::GetTargetLuns: {
            pb::GetTargetLunsResponse m;
            if (!parse(message, m)) return false;
            return from_proto_all(m.targets, reply.luns);
        }
        case VssCall::ResyncLuns: {
            pb::ResyncLunsResponse m;
            if (!parse(message, m)) return false;
            reply.operation_id = m.operation_id;
            return true;
        }
        case VssCall::GetResyncStatus: {
            pb::GetResyncStatusResponse m;
            if (!parse(message, m)) return false;
            reply.done = m.done;
            reply.percent = m.percent;
            reply.operation_hresult = m.hresult;
            return true;
        }
        // Empty responses: anything (unknown fields included) that parses is fine.
        case VssCall::BeginPrepareSnapshot: { pb::BeginPrepareSnapshotResponse m; return parse(message, m); }
        case VssCall::LocateLuns: { pb::LocateLunsResponse m; return parse(message, m); }
        case VssCall::OnLunEmpty: { pb::OnLunEmptyResponse m; return parse(message, m); }
        case VssCall::EndPrepareSnapshots: { pb::EndPrepareSnapshotsResponse m; return parse(message, m); }
        case VssCall::PreCommitSnapshots: { pb::PreCommitSnapshotsResponse m; return parse(message, m); }
        case VssCall::CommitSnapshots: { pb::CommitSnapshotsResponse m; return parse(message, m); }
        case VssCall::PostCommitSnapshots: { pb::PostCommitSnapshotsResponse m; return parse(message, m); }
        case VssCall::PreFinalCommitSnapshots: { pb::PreFinalCommitSnapshotsResponse m; return parse(message, m); }
        case VssCall::PostFinalCommitSnapshots: { pb::PostFinalCommitSnapshotsResponse m; return parse(message, m); }
        case VssCall::AbortSnapshots: { pb::AbortSnapshotsResponse m; return parse(message, m); }
        case VssCall::OnLunStateChange: { pb::OnLunStateChangeResponse m; return parse(message, m); }
        }
        return false;
    }

    bool decode_fault(const std::vector<uint8_t>& details, Reply& reply) const override {
        auto fault = pb::provider_fault_from_status_details(details);
        if (!fault || !fault.value()) return false;
        const pb::ProviderFault& f = *fault.value();
        reply.hresult = f.hresult;
        reply.event_reported = !f.event_code.empty();
        reply.detail = f.message.empty() ? f.detail : (f.detail.empty() ? f.message : f.message + " (" + f.detail + ")");
        return true;
    }
};

}  // namespace

pb::LunInformation to_proto(const LunInfo& l) {
    pb::LunInformation p;
    p.version = l.version;
    p.device_type = l.device_type;
    p.device_type_modifier = l.device_type_modifier;
    p.command_queueing = l.command_queueing;
    p.bus_type = l.bus_type;
    p.vendor_id = to_bytes(l.vendor_id);
    p.product_id = to_bytes(l.product_id);
    p.product_revision = to_bytes(l.product_revision);
    p.serial_number = to_bytes(l.serial_number);
    p.disk_signature = uuid_text(l.disk_signature);
    p.device_id_descriptor_version = l.device_id_descriptor_version;
    for (const auto& id : l.identifiers) p.identifiers.push_back(pb::StorageIdentifier{id.code_set, id.type, id.bytes});
    for (const auto& ic : l.interconnects) p.interconnects.push_back(pb::Interconnect{ic.address_type, ic.port, ic.address});
    return p;
}

bool from_proto(const pb::LunInformation& p, LunInfo& l) {
    if (p.device_type > 0xff || p.device_type_modifier > 0xff) return false;
    l.version = p.version;
    l.device_type = static_cast<uint8_t>(p.device_type);
    l.device_type_modifier = static_cast<uint8_t>(p.device_type_modifier);
    l.command_queueing = p.command_queueing;
    l.bus_type = p.bus_type;
    l.vendor_id = to_string(p.vendor_id);
    l.product_id = to_string(p.product_id);
    l.product_revision = to_string(p.product_revision);
    l.serial_number = to_string(p.serial_number);
    l.disk_signature = Uuid{};
    if (!p.disk_signature.empty() && !parse_uuid(p.disk_signature, l.disk_signature)) return false;
    l.device_id_descriptor_version = p.device_id_descriptor_version;
    l.identifiers.clear();
    for (const auto& id : p.identifiers) l.identifiers.push_back(StorageIdentifier{id.code_set, id.type, id.identifier});
    l.interconnects.clear();
    for (const auto& ic : p.interconnects) l.interconnects.push_back(Interconnect{ic.address_type, ic.port, ic.address});
    return true;
}

std::shared_ptr<const MessageCodec> make_proto_codec() { return std::make_shared<ProtoCodec>(); }

}  // namespace rmvss::native
