// The seam between the COM glue and whatever answers its calls: rmvssprv.dll links
// control_plane_factory.cpp; the harness's fault-injection build of the DLL links its own.
#pragma once

#include "provider_config.h"
#include "rmvss/native/control_plane.h"

#include <memory>

namespace rmvss::native {

// Called once per process, on the first provider object.
std::shared_ptr<ControlPlane> make_control_plane(const ProviderConfig& config);

}  // namespace rmvss::native
