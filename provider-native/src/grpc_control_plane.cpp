#include "grpc_control_plane.h"

#include "rmvss/bridge/grpc_client.hpp"

#include <fstream>

namespace rmvss::native {

namespace grpc = rmvss::bridge::grpc;
using std::chrono::milliseconds;

bool parse_endpoint(const std::string& address, GrpcEndpoint& endpoint) {
    size_t colon = address.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 >= address.size()) return false;
    unsigned long port = 0;
    for (size_t i = colon + 1; i < address.size(); ++i) {
        if (address[i] < '0' || address[i] > '9') return false;
        port = port * 10 + static_cast<unsigned long>(address[i] - '0');
        if (port > 65535) return false;
    }
    if (port == 0) return false;
    endpoint.host = address.substr(0, colon);
    endpoint.port = static_cast<uint16_t>(port);
    return true;
}

std::string read_token_file(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    if (!in || !std::getline(in, line)) return {};
    size_t b = line.find_first_not_of(" \t\r\n"), e = line.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? "" : line.substr(b, e - b + 1);
}

ConnectionSettings resolve_connection(ConnectionSettings c, const std::string& default_address) {
    std::string dir = c.state_dir;
    if (!dir.empty() && dir.back() != '/' && dir.back() != '\\') dir += (dir.find('\\') != std::string::npos ? "\\" : "/");
    if (c.address.empty() && !dir.empty()) {
        // rmvss serve writes "host:port"; a bare port means loopback.
        std::string port = read_token_file(dir + "port");
        if (!port.empty()) c.address = port.find(':') != std::string::npos ? port : "127.0.0.1:" + port;
    }
    if (c.address.empty()) c.address = default_address;
    if (c.token_file.empty() && !dir.empty()) c.token_file = dir + "token";
    return c;
}

namespace {

// What a gRPC outcome means for VSS: the control plane could not be reached (EV_ATTHOR), or it
// was reached but its answer is unusable (EV_EXCEPT), or it answered.
Reply reply_from(VssCall call, const grpc::CallResult& result, const MessageCodec& codec) {
    switch (result.failure) {
    case grpc::CallFailure::None: break;
    case grpc::CallFailure::Unavailable:
    case grpc::CallFailure::DeadlineExceeded:
        return Reply::unreachable(std::string(grpc::to_string(result.failure)) + ": " + result.failure_reason);
    default:
        return Reply::garbled(std::string(grpc::to_string(result.failure)) + ": " + result.failure_reason);
    }
    switch (result.status) {
    case grpc::StatusCode::Ok: {
        Reply reply = Reply::answered(0);
        if (!codec.decode(call, result.response, reply)) return Reply::garbled("the reply message does not decode");
        reply.reached = true;
        return reply;
    }
    case grpc::StatusCode::Unauthenticated:
    case grpc::StatusCode::PermissionDenied:
        return Reply::refused(std::string(grpc::to_string(result.status)) + ": " + result.message);
    default: break;
    }
    // An error the control plane chose: its ProviderFault's HRESULT goes to VSS, its event is written.
    if (!result.status_details.empty()) {
        Reply fault;
        if (codec.decode_fault(result.status_details, fault)) {
            fault.reached = true;
            return fault;
        }
    }
    switch (result.status) {
    case grpc::StatusCode::Unavailable:
    case grpc::StatusCode::DeadlineExceeded:
    case grpc::StatusCode::Cancelled:
        return Reply::unreachable(std::string("control plane says ") + grpc::to_string(result.status) + ": " + result.message);
    default:
        return Reply::garbled(std::string("grpc-status ") + grpc::to_string(result.status) + ": " + result.message);
    }
}

class GrpcControlPlane final : public ControlPlane {
public:
    GrpcControlPlane(const GrpcEndpoint& endpoint, std::shared_ptr<const MessageCodec> codec)
        : codec_(std::move(codec)), client_(options_for(endpoint)) {
        if (!endpoint.token.empty()) metadata_.push_back({"authorization", "Bearer " + endpoint.token});
    }

    Reply AreLunsSupported(int32_t context, const std::vector<DeviceLun>& luns, Deadline d) override {
        CallRequest r = request(VssCall::AreLunsSupported);
        r.context = context;
        r.luns = luns;
        return invoke(r, d);
    }
    Reply FillInLunInfo(const DeviceLun& lun, Deadline d) override {
        CallRequest r = request(VssCall::FillInLunInfo);
        r.luns = {lun};
        return invoke(r, d);
    }
    Reply BeginPrepareSnapshot(const Uuid& set, const Uuid& snapshot, int32_t context, const std::vector<DeviceLun>& luns,
                               Deadline d) override {
        CallRequest r = request(VssCall::BeginPrepareSnapshot, set);
        r.snapshot = snapshot;
        r.context = context;
        r.luns = luns;
        return invoke(r, d);
    }
    Reply EndPrepareSnapshots(const Uuid& set, Deadline d) override { return invoke(request(VssCall::EndPrepareSnapshots, set), d); }
    Reply PreCommitSnapshots(const Uuid& set, Deadline d) override { return invoke(request(VssCall::PreCommitSnapshots, set), d); }
    Reply CommitSnapshots(const Uuid& set, Deadline d) override { return invoke(request(VssCall::CommitSnapshots, set), d); }
    Reply PostCommitSnapshots(const Uuid& set, int32_t count, Deadline d) override {
        CallRequest r = request(VssCall::PostCommitSnapshots, set);
        r.snapshot_count = count;
        return invoke(r, d);
    }
    Reply PreFinalCommitSnapshots(const Uuid& set, Deadline d) override { return invoke(request(VssCall::PreFinalCommitSnapshots, set), d); }
    Reply PostFinalCommitSnapshots(const Uuid& set, Deadline d) override { return invoke(request(VssCall::PostFinalCommitSnapshots, set), d); }
    Reply AbortSnapshots(const Uuid& set, Deadline d) override { return invoke(request(VssCall::AbortSnapshots, set), d); }
    Reply GetTargetLuns(const std::vector<DeviceLun>& sources, Deadline d) override {
        CallRequest r = request(VssCall::GetTargetLuns);
        r.luns = sources;
        return invoke(r, d);
    }
    Reply LocateLuns(const std::vector<LunInfo>& sources, Deadline d) override {
        CallRequest r = request(VssCall::LocateLuns);
        r.sources = sources;
        return invoke(r, d);
    }
    Reply OnLunEmpty(const DeviceLun& lun, Deadline d) override {
        CallRequest r = request(VssCall::OnLunEmpty);
        r.luns = {lun};
        return invoke(r, d);
    }
    Reply OnLunStateChange(const std::vector<LunInfo>& snapshots, const std::vector<LunInfo>& originals, uint32_t flags,
                           Deadline d) override {
        CallRequest r = request(VssCall::OnLunStateChange);
        r.targets = snapshots;
        r.sources = originals;
        r.flags = flags;
        return invoke(r, d);
    }
    Reply ResyncLuns(const std::vector<LunInfo>& sources, const std::vector<LunInfo>& targets, Deadline d) override {
        CallRequest r = request(VssCall::ResyncLuns);
        r.sources = sources;
        r.targets = targets;
        return invoke(r, d);
    }
    Reply GetResyncStatus(const std::string& operation_id, Deadline d) override {
        CallRequest r = request(VssCall::GetResyncStatus);
        r.operation_id = operation_id;
        return invoke(r, d);
    }

private:
    static grpc::ClientOptions options_for(const GrpcEndpoint& endpoint) {
        grpc::ClientOptions options;
        options.host = endpoint.host;
        options.port = endpoint.port;
        return options;
    }
    static CallRequest request(VssCall call, const Uuid& set = {}) {
        CallRequest r;
        r.call = call;
        r.set = set;
        return r;
    }

    Reply invoke(const CallRequest& request, Deadline deadline) {
        std::vector<uint8_t> message;
        if (!codec_->encode(request, message)) return Reply::garbled("the request could not be encoded");
        grpc::CallOptions options;
        // A little under the DLL's own deadline, so the bridge reports the timeout itself.
        options.timeout = deadline > milliseconds(200) ? deadline - milliseconds(100) : deadline;
        options.metadata = metadata_;
        grpc::CallResult result = client_.call(codec_->method_path(request.call), message, options);
        return reply_from(request.call, result, *codec_);
    }

    std::shared_ptr<const MessageCodec> codec_;
    grpc::Metadata metadata_;
    grpc::Client client_;  // one connection, calls serialized, reconnects after a restart
};

}  // namespace

std::shared_ptr<ControlPlane> make_grpc_control_plane(const GrpcEndpoint& endpoint,
                                                      std::shared_ptr<const MessageCodec> codec) {
    return std::make_shared<GrpcControlPlane>(endpoint, std::move(codec));
}

}  // namespace rmvss::native
