#include "control_plane_factory.h"

#include "grpc_control_plane.h"
#include "proto_codec.h"
#include "unreachable_control_plane.h"

namespace rmvss::native {

// The gRPC control plane at the configured (or state-directory) address, with the token from the
// token file; an address that does not parse gives a control plane that is never reached (every
// call vetoes with [EV_ATTHOR] naming the setting).
std::shared_ptr<ControlPlane> make_control_plane(const ProviderConfig& config) {
    GrpcEndpoint endpoint;
    if (!parse_endpoint(config.control_plane_address, endpoint))
        return make_unreachable_control_plane("ControlPlaneAddress '" + config.control_plane_address +
                                              "' is not host:port");
    endpoint.token_file = config.token_file;
    if (!config.token_file.empty()) endpoint.token = read_token_file(config.token_file);
    return make_grpc_control_plane(endpoint, make_proto_codec());
}

}  // namespace rmvss::native
