#include "error_text.h"

#include <vsserror.h>

#include <cstdio>

namespace rmvss::install {

namespace {

// The symbols from the SDK headers themselves, so a number can never be paired with a wrong name.
#define RMVSS_SYMBOL(name) \
    case name: return #name
const char* hresult_symbol(HRESULT hr) {
    switch (hr) {
        RMVSS_SYMBOL(REGDB_E_CLASSNOTREG);
        RMVSS_SYMBOL(CO_E_NOTINITIALIZED);
        RMVSS_SYMBOL(E_ACCESSDENIED);
        RMVSS_SYMBOL(E_INVALIDARG);
        RMVSS_SYMBOL(E_UNEXPECTED);
        RMVSS_SYMBOL(E_FAIL);
        RMVSS_SYMBOL(COMADMIN_E_OBJECTERRORS);
        RMVSS_SYMBOL(COMADMIN_E_APPLICATIONEXISTS);
        RMVSS_SYMBOL(COMADMIN_E_NOREGISTRYCLSID);
        RMVSS_SYMBOL(COMADMIN_E_USERPASSWDNOTVALID);
        RMVSS_SYMBOL(COMADMIN_E_OBJECTEXISTS);
        RMVSS_SYMBOL(COMADMIN_E_COMPONENTEXISTS);
        RMVSS_SYMBOL(COMADMIN_E_OBJECT_DOES_NOT_EXIST);
        RMVSS_SYMBOL(VSS_E_UNEXPECTED);
        RMVSS_SYMBOL(VSS_E_PROVIDER_ALREADY_REGISTERED);
        RMVSS_SYMBOL(VSS_E_PROVIDER_NOT_REGISTERED);
        default: return nullptr;
    }
}

const char* win32_symbol(DWORD error) {
    switch (error) {
        RMVSS_SYMBOL(ERROR_ACCESS_DENIED);
        RMVSS_SYMBOL(ERROR_FILE_NOT_FOUND);
        RMVSS_SYMBOL(ERROR_PATH_NOT_FOUND);
        RMVSS_SYMBOL(ERROR_SERVICE_DOES_NOT_EXIST);
        RMVSS_SYMBOL(ERROR_SERVICE_NOT_ACTIVE);
        RMVSS_SYMBOL(ERROR_SERVICE_ALREADY_RUNNING);
        RMVSS_SYMBOL(ERROR_SERVICE_DISABLED);
        RMVSS_SYMBOL(ERROR_SERVICE_REQUEST_TIMEOUT);
        RMVSS_SYMBOL(ERROR_DEPENDENT_SERVICES_RUNNING);
        RMVSS_SYMBOL(ERROR_SERVICE_CANNOT_ACCEPT_CTRL);
        RMVSS_SYMBOL(ERROR_MOD_NOT_FOUND);
        RMVSS_SYMBOL(ERROR_PROC_NOT_FOUND);
        RMVSS_SYMBOL(ERROR_BAD_EXE_FORMAT);
        default: return nullptr;
    }
}

std::string system_message(DWORD code) {
    wchar_t* text = nullptr;
    DWORD n = FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                             nullptr, code, 0, reinterpret_cast<wchar_t*>(&text), 0, nullptr);
    std::wstring message = n && text ? std::wstring(text, n) : L"";
    if (text) LocalFree(text);
    while (!message.empty() && (message.back() == L'\n' || message.back() == L'\r' || message.back() == L' ')) message.pop_back();
    return narrow(message);
}

}  // namespace

std::string hresult_text(HRESULT hr) {
    char number[16];
    std::snprintf(number, sizeof number, "0x%08lX", static_cast<unsigned long>(hr));
    std::string out = number;
    if (const char* symbol = hresult_symbol(hr)) out += std::string(" ") + symbol;
    else if (HRESULT_FACILITY(hr) == FACILITY_WIN32 && win32_symbol(HRESULT_CODE(hr)))
        out += std::string(" HRESULT_FROM_WIN32(") + win32_symbol(HRESULT_CODE(hr)) + ")";
    std::string message = system_message(static_cast<DWORD>(hr));
    if (!message.empty()) out += ": " + message;
    return out;
}

std::string win32_text(DWORD error) {
    std::string out = "Win32 error " + std::to_string(error);
    if (const char* symbol = win32_symbol(error)) out += std::string(" ") + symbol;
    std::string message = system_message(error);
    if (!message.empty()) out += ": " + message;
    return out;
}

std::string narrow(const std::wstring& text) {
    if (text.empty()) return {};
    int n = WideCharToMultiByte(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0, nullptr, nullptr);
    std::string out(static_cast<size_t>(n), '\0');
    WideCharToMultiByte(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), out.data(), n, nullptr, nullptr);
    return out;
}

std::wstring widen(const std::string& text) {
    if (text.empty()) return {};
    int n = MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0);
    std::wstring out(static_cast<size_t>(n), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), out.data(), n);
    return out;
}

}  // namespace rmvss::install
