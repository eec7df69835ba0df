// The ControlPlane used while this build has no client for it (the gRPC bridge and the proto have
// not landed): every call fails as "unreachable", so the DLL vetoes and writes [EV_ATTHOR]
// exactly as it does when the real control plane is down. It never pretends to succeed.
#pragma once

#include "rmvss/native/control_plane.h"

#include <memory>
#include <string>

namespace rmvss::native {

std::shared_ptr<ControlPlane> make_unreachable_control_plane(std::string why);

}  // namespace rmvss::native
