// DllRegisterServer/DllUnregisterServer's work: the COM class, the Event Log source and the
// provider's entry with the VSS coordinator (IVssAdmin). Unregistering is idempotent and
// best-effort, so a half-failed install can always be cleaned up and reinstalled.
#pragma once

#include <windows.h>

namespace rmvss::native {

HRESULT register_server(HMODULE module);
HRESULT unregister_server();

}  // namespace rmvss::native
