// What regsvr32 does: load the provider DLL and call its DllRegisterServer / DllUnregisterServer
// (the COM class, the event source and IVssAdmin::RegisterProvider, provider-native/src/registration.cpp).
#pragma once

#include <windows.h>

#include <string>

namespace rmvss::install {

struct RegistrationOutcome {
    bool ok = false;
    std::string error;  // when !ok: which step (load, export, call) and the HRESULT / Win32 error
    std::string fix;
};

// entry: "DllRegisterServer" or "DllUnregisterServer".
RegistrationOutcome call_registration_entry(const std::wstring& dll, const char* entry);

}  // namespace rmvss::install
