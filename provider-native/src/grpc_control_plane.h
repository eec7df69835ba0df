// The ControlPlane over gRPC, through the bridge's unary client (provider-bridge). Transport,
// deadlines, the auth token and the mapping of every failure to a Reply live here; the message
// encoding is a MessageCodec, generated from / checked against proto/rmvss/v1/provider.proto once
// that lands (until then the DLL uses the unreachable control plane). Portable.
#pragma once

#include "call_policy.h"
#include "rmvss/native/control_plane.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace rmvss::native {

// Everything one call carries; each codec method uses the fields its call has.
struct CallRequest {
    VssCall call = VssCall::AreLunsSupported;
    Uuid set, snapshot;
    int32_t context = 0;
    int32_t snapshot_count = 0;
    uint32_t flags = 0;
    std::vector<DeviceLun> luns;     // AreLunsSupported, FillInLunInfo (1), BeginPrepare, GetTargetLuns, OnLunEmpty (1)
    std::vector<LunInfo> sources;    // LocateLuns, OnLunStateChange (originals), ResyncLuns
    std::vector<LunInfo> targets;    // OnLunStateChange (snapshots), ResyncLuns
    std::string operation_id;        // GetResyncStatus
};

class MessageCodec {
public:
    virtual ~MessageCodec() = default;
    virtual std::string method_path(VssCall call) const = 0;  // "/rmvss.v1.VssProvider/CommitSnapshots"
    virtual bool encode(const CallRequest& request, std::vector<uint8_t>& message) const = 0;
    // Fills hresult, supported and luns from the response message; false if it does not parse.
    virtual bool decode(VssCall call, const std::vector<uint8_t>& message, Reply& reply) const = 0;
    // A non-OK status's grpc-status-details-bin: true and hresult/detail/event_reported filled when
    // it carries a ProviderFault; false when there is none or it does not decode.
    virtual bool decode_fault(const std::vector<uint8_t>& status_details, Reply& reply) const {
        (void)status_details; (void)reply;
        return false;
    }
};

struct GrpcEndpoint {
    std::string host = "127.0.0.1";  // numeric: name resolution would not be deadline-bounded
    uint16_t port = 50951;
    std::string token;               // sent as "authorization: Bearer <token>" when not empty
    std::string token_file;          // where the token came from (named in [EV_ERPERM] details)
};

// "127.0.0.1:50951" -> host, port. False for anything else.
bool parse_endpoint(const std::string& address, GrpcEndpoint& endpoint);
// The token file's first line, trimmed; empty when the file cannot be read.
std::string read_token_file(const std::string& path);

// Where the control plane is: an explicit address / token file win; otherwise the Java server's
// state directory says (`rmvss serve --state DIR` writes DIR/port and DIR/token); otherwise the
// default address. `state_dir` may end with a path separator or not.
struct ConnectionSettings {
    std::string address;     // host:port, "" = not set
    std::string token_file;  // "" = not set
    std::string state_dir;   // "" = not set
};
ConnectionSettings resolve_connection(ConnectionSettings configured, const std::string& default_address);

std::shared_ptr<ControlPlane> make_grpc_control_plane(const GrpcEndpoint& endpoint,
                                                      std::shared_ptr<const MessageCodec> codec);

}  // namespace rmvss::native
