#include "registration.h"

#include "identity.h"

#include <objbase.h>
#include <vss.h>
#include <vsadmin.h>
#include <vsserror.h>

#include <string>

namespace rmvss::native {

namespace {

const std::wstring kClsidKey = std::wstring(L"SOFTWARE\\Classes\\CLSID\\") + kProviderClsidText;
const std::wstring kEventSourceKey =
    std::wstring(L"SYSTEM\\CurrentControlSet\\Services\\Eventlog\\Application\\") + kEventSource;

LSTATUS set_text(HKEY root, const std::wstring& path, const wchar_t* name, const std::wstring& value,
                 DWORD type = REG_SZ) {
    HKEY key = nullptr;
    LSTATUS status = RegCreateKeyExW(root, path.c_str(), 0, nullptr, 0, KEY_WRITE, nullptr, &key, nullptr);
    if (status != ERROR_SUCCESS) return status;
    status = RegSetValueExW(key, name, 0, type, reinterpret_cast<const BYTE*>(value.c_str()),
                            static_cast<DWORD>((value.size() + 1) * sizeof(wchar_t)));
    RegCloseKey(key);
    return status;
}

LSTATUS set_dword(HKEY root, const std::wstring& path, const wchar_t* name, DWORD value) {
    HKEY key = nullptr;
    LSTATUS status = RegCreateKeyExW(root, path.c_str(), 0, nullptr, 0, KEY_WRITE, nullptr, &key, nullptr);
    if (status != ERROR_SUCCESS) return status;
    status = RegSetValueExW(key, name, 0, REG_DWORD, reinterpret_cast<const BYTE*>(&value), sizeof value);
    RegCloseKey(key);
    return status;
}

LSTATUS delete_tree(const std::wstring& path) {
    LSTATUS status = RegDeleteTreeW(HKEY_LOCAL_MACHINE, path.c_str());
    if (status == ERROR_FILE_NOT_FOUND) return ERROR_SUCCESS;
    if (status != ERROR_SUCCESS) return status;
    status = RegDeleteKeyW(HKEY_LOCAL_MACHINE, path.c_str());
    return status == ERROR_FILE_NOT_FOUND ? ERROR_SUCCESS : status;
}

// regsvr32 may or may not have initialised COM on this thread.
class ComScope {
public:
    ComScope() : hr_(CoInitializeEx(nullptr, COINIT_MULTITHREADED)) {}
    ~ComScope() {
        if (SUCCEEDED(hr_)) CoUninitialize();
    }

private:
    HRESULT hr_;
};

HRESULT with_vss_admin(HRESULT (*action)(IVssAdmin*)) {
    ComScope com;
    IVssAdmin* admin = nullptr;
    HRESULT hr = CoCreateInstance(CLSID_VSSCoordinator, nullptr, CLSCTX_ALL, IID_IVssAdmin, reinterpret_cast<void**>(&admin));
    if (FAILED(hr)) return hr;
    hr = action(admin);
    admin->Release();
    return hr;
}

HRESULT register_with_vss(IVssAdmin* admin) {
    auto add = [admin] {
        return admin->RegisterProvider(kProviderId, kProviderClsid, const_cast<VSS_PWSZ>(kProviderName), VSS_PROV_HARDWARE,
                                       const_cast<VSS_PWSZ>(kProviderVersion), kProviderVersionId);
    };
    HRESULT hr = add();
    if (hr == VSS_E_PROVIDER_ALREADY_REGISTERED) {  // an update install: replace the old entry
        admin->UnregisterProvider(kProviderId);
        hr = add();
    }
    return hr;
}

HRESULT unregister_from_vss(IVssAdmin* admin) {
    HRESULT hr = admin->UnregisterProvider(kProviderId);
    return hr == VSS_E_PROVIDER_NOT_REGISTERED ? S_OK : hr;
}

}  // namespace

HRESULT register_server(HMODULE module) {
    wchar_t path[MAX_PATH];
    DWORD n = GetModuleFileNameW(module, path, MAX_PATH);
    if (n == 0 || n >= MAX_PATH) return HRESULT_FROM_WIN32(GetLastError());

    LSTATUS status = set_text(HKEY_LOCAL_MACHINE, kClsidKey, nullptr, kClassDescription);
    if (status == ERROR_SUCCESS) status = set_text(HKEY_LOCAL_MACHINE, kClsidKey + L"\\InprocServer32", nullptr, path);
    if (status == ERROR_SUCCESS)
        status = set_text(HKEY_LOCAL_MACHINE, kClsidKey + L"\\InprocServer32", L"ThreadingModel", L"Both");
    if (status == ERROR_SUCCESS)
        status = set_text(HKEY_LOCAL_MACHINE, kEventSourceKey, L"EventMessageFile", path, REG_EXPAND_SZ);
    if (status == ERROR_SUCCESS)
        status = set_dword(HKEY_LOCAL_MACHINE, kEventSourceKey, L"TypesSupported",
                           EVENTLOG_ERROR_TYPE | EVENTLOG_WARNING_TYPE | EVENTLOG_INFORMATION_TYPE);
    HRESULT hr = status == ERROR_SUCCESS ? with_vss_admin(register_with_vss) : HRESULT_FROM_WIN32(status);
    if (FAILED(hr)) unregister_server();  // leave nothing half-installed
    return hr;
}

HRESULT unregister_server() {
    HRESULT vss = with_vss_admin(unregister_from_vss);
    if (vss == REGDB_E_CLASSNOTREG) vss = S_OK;  // no coordinator: nothing registered there
    LSTATUS events = delete_tree(kEventSourceKey);
    LSTATUS clsid = delete_tree(kClsidKey);
    if (FAILED(vss)) return vss;
    if (events != ERROR_SUCCESS) return HRESULT_FROM_WIN32(events);
    return clsid == ERROR_SUCCESS ? S_OK : HRESULT_FROM_WIN32(clsid);
}

}  // namespace rmvss::native
