#include "provider_registry.h"

#include <vsserror.h>

#include <cstdio>
#include <cwchar>

namespace vsscoord {

std::wstring guid_text(const GUID& g) {
    wchar_t text[40];
    swprintf(text, 40, L"{%08lx-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x}", (unsigned long)g.Data1, g.Data2, g.Data3,
             g.Data4[0], g.Data4[1], g.Data4[2], g.Data4[3], g.Data4[4], g.Data4[5], g.Data4[6], g.Data4[7]);
    return text;
}

bool parse_guid(const std::wstring& text, GUID& g) {
    std::wstring t = text;
    if (t.size() == 36) t = L"{" + t + L"}";
    return CLSIDFromString(t.c_str(), &g) == NOERROR;
}

namespace {

std::wstring key_path(const GUID& id) { return std::wstring(kProvidersKey) + L"\\" + guid_text(id); }

void set_text(HKEY key, const wchar_t* sub, const wchar_t* name, const std::wstring& value) {
    HKEY k = nullptr;
    if (RegCreateKeyExW(key, sub, 0, nullptr, 0, KEY_WRITE, nullptr, &k, nullptr) != ERROR_SUCCESS) return;
    RegSetValueExW(k, name, 0, REG_SZ, reinterpret_cast<const BYTE*>(value.c_str()),
                   static_cast<DWORD>((value.size() + 1) * sizeof(wchar_t)));
    RegCloseKey(k);
}

std::wstring get_text(HKEY key, const wchar_t* sub, const wchar_t* name) {
    wchar_t buffer[512] = {};
    DWORD size = sizeof buffer - sizeof(wchar_t);
    if (RegGetValueW(key, sub, name, RRF_RT_REG_SZ, nullptr, buffer, &size) != ERROR_SUCCESS) return {};
    return buffer;
}

}  // namespace

HRESULT add_provider(const ProviderEntry& e) {
    HKEY key = nullptr;
    DWORD disposition = 0;
    LSTATUS s = RegCreateKeyExW(HKEY_LOCAL_MACHINE, key_path(e.id).c_str(), 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &key,
                                &disposition);
    if (s != ERROR_SUCCESS) return HRESULT_FROM_WIN32(s);
    if (disposition == REG_OPENED_EXISTING_KEY) {
        RegCloseKey(key);
        return VSS_E_PROVIDER_ALREADY_REGISTERED;
    }
    set_text(key, nullptr, nullptr, e.name);
    DWORD type = e.type;
    RegSetValueExW(key, L"Type", 0, REG_DWORD, reinterpret_cast<const BYTE*>(&type), sizeof type);
    set_text(key, L"CLSID", nullptr, guid_text(e.clsid));
    set_text(key, L"Version", nullptr, e.version);
    set_text(key, L"Version", L"VersionId", guid_text(e.version_id));
    RegCloseKey(key);
    return S_OK;
}

HRESULT remove_provider(const GUID& id) {
    std::wstring path = key_path(id);
    LSTATUS s = RegDeleteTreeW(HKEY_LOCAL_MACHINE, path.c_str());
    if (s == ERROR_FILE_NOT_FOUND) return VSS_E_PROVIDER_NOT_REGISTERED;
    if (s != ERROR_SUCCESS) return HRESULT_FROM_WIN32(s);
    s = RegDeleteKeyW(HKEY_LOCAL_MACHINE, path.c_str());  // RegDeleteTree may already have removed it
    return s == ERROR_SUCCESS || s == ERROR_FILE_NOT_FOUND ? S_OK : HRESULT_FROM_WIN32(s);
}

std::vector<ProviderEntry> list_providers() {
    std::vector<ProviderEntry> entries;
    HKEY root = nullptr;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, kProvidersKey, 0, KEY_READ, &root) != ERROR_SUCCESS) return entries;
    std::vector<std::wstring> names;
    wchar_t name[256];
    for (DWORD i = 0;; ++i) {
        DWORD length = 256;
        if (RegEnumKeyExW(root, i, name, &length, nullptr, nullptr, nullptr, nullptr) != ERROR_SUCCESS) break;
        names.push_back(name);
    }
    for (const std::wstring& n : names) {
        ProviderEntry e;
        if (!parse_guid(n, e.id)) continue;
        HKEY key = nullptr;
        if (RegOpenKeyExW(root, n.c_str(), 0, KEY_READ, &key) != ERROR_SUCCESS) continue;
        e.name = get_text(key, nullptr, nullptr);
        DWORD type = 0, size = sizeof type;
        RegGetValueW(key, nullptr, L"Type", RRF_RT_REG_DWORD, nullptr, &type, &size);
        e.type = static_cast<VSS_PROVIDER_TYPE>(type);
        parse_guid(get_text(key, L"CLSID", nullptr), e.clsid);
        e.version = get_text(key, L"Version", nullptr);
        parse_guid(get_text(key, L"Version", L"VersionId"), e.version_id);
        RegCloseKey(key);
        entries.push_back(e);
    }
    RegCloseKey(root);
    return entries;
}

}  // namespace vsscoord
