#include "control_plane_factory.h"

#include "unreachable_control_plane.h"

namespace rmvss::native {

// Until proto/rmvss/v1/provider.proto lands there is no message encoding for the gRPC bridge, so
// this build cannot reach the control plane and says so in every [EV_ATTHOR] event.
std::shared_ptr<ControlPlane> make_control_plane(const ProviderConfig& config) {
    return make_unreachable_control_plane("this build of rmvssprv.dll has no gRPC client; control plane " +
                                          config.control_plane_address + " not contacted");
}

}  // namespace rmvss::native
