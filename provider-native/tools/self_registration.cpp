#include "self_registration.h"

#include "error_text.h"

namespace rmvss::install {

RegistrationOutcome call_registration_entry(const std::wstring& dll, const char* entry) {
    RegistrationOutcome out;
    // The DLL's own directory first for anything it loads, as regsvr32 does.
    HMODULE module = LoadLibraryExW(dll.c_str(), nullptr, LOAD_WITH_ALTERED_SEARCH_PATH);
    if (!module) {
        DWORD error = GetLastError();
        out.error = "cannot load " + narrow(dll) + ": " + win32_text(error);
        out.fix = error == ERROR_BAD_EXE_FORMAT ? "use the 64-bit rmvssprv.dll on 64-bit Windows"
                                                : "check the path given with --dll and that the file is readable";
        return out;
    }
    using Entry = HRESULT(STDAPICALLTYPE*)();
    auto function = reinterpret_cast<Entry>(reinterpret_cast<void*>(GetProcAddress(module, entry)));
    if (!function) {
        out.error = narrow(dll) + " has no " + entry + " export: " + win32_text(GetLastError());
        out.fix = "this is not rmvssprv.dll; give the provider DLL with --dll";
        FreeLibrary(module);
        return out;
    }
    HRESULT hr = function();
    FreeLibrary(module);
    if (FAILED(hr)) {
        out.error = std::string(entry) + " failed: " + hresult_text(hr);
        if (hr == REGDB_E_CLASSNOTREG)
            out.fix = "the VSS coordinator (CLSID_VSSCoordinator) is not registered: this Windows has no Volume Shadow Copy"
                      " service, or it is damaged (check: vssadmin list providers)";
        else if (hr == E_ACCESSDENIED || hr == HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED))
            out.fix = "run rmvss-install from an elevated (Run as administrator) command prompt";
        else
            out.fix = "see the Application event log (source VSS and 'RM Shadow Copy Provider') for the cause";
        return out;
    }
    out.ok = true;
    return out;
}

}  // namespace rmvss::install
