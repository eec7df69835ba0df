// The provider runs only as Local System ([EV_ERPERM] otherwise), as the seed's product did.
#pragma once

#include "provider_config.h"

namespace rmvss::native {

// True when the calling thread's (or else the process's) token user is S-1-5-18. The test-only
// TestAccount setting ("LocalSystem" / "User") replaces the answer; nothing else does.
bool running_as_local_system(const ProviderConfig& config);

}  // namespace rmvss::native
