#include "provider_config.h"

#include "grpc_control_plane.h"
#include "identity.h"

#include <windows.h>

namespace rmvss::native {

namespace {

std::string narrow(const std::wstring& wide) {
    if (wide.empty()) return {};
    int n = WideCharToMultiByte(CP_UTF8, 0, wide.c_str(), -1, nullptr, 0, nullptr, nullptr);
    std::string out(n > 0 ? n - 1 : 0, '\0');
    if (n > 1) WideCharToMultiByte(CP_UTF8, 0, wide.c_str(), -1, &out[0], n, nullptr, nullptr);
    return out;
}

std::wstring registry_text(HKEY key, const wchar_t* name) {
    wchar_t buffer[1024];
    DWORD size = sizeof buffer;
    DWORD type = 0;
    if (!key || RegQueryValueExW(key, name, nullptr, &type, reinterpret_cast<BYTE*>(buffer), &size) != ERROR_SUCCESS ||
        (type != REG_SZ && type != REG_EXPAND_SZ))
        return {};
    buffer[(size / sizeof(wchar_t)) < 1024 ? size / sizeof(wchar_t) : 1023] = L'\0';
    return buffer;
}

void apply(std::string& setting, HKEY key, const wchar_t* value_name, const wchar_t* env_name) {
    std::wstring value = registry_text(key, value_name);
    wchar_t env[1024];
    DWORD n = GetEnvironmentVariableW(env_name, env, 1024);
    if (n > 0 && n < 1024) value = env;
    if (!value.empty()) setting = narrow(value);
}

}  // namespace

ProviderConfig ProviderConfig::load() {
    ProviderConfig config;
    HKEY key = nullptr;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, kConfigKey, 0, KEY_READ, &key) != ERROR_SUCCESS) key = nullptr;
    ConnectionSettings c;
    apply(c.address, key, L"ControlPlaneAddress", L"RMVSS_CONTROL_PLANE");
    apply(c.address, nullptr, L"", L"RMVSS_CONTROL_ADDRESS");
    apply(c.token_file, key, L"TokenFile", L"RMVSS_TOKEN_FILE");
    apply(c.state_dir, key, L"StateDirectory", L"RMVSS_CONTROL_STATE");
    if (c.state_dir.empty()) {
        std::string profile;
        apply(profile, nullptr, L"", L"USERPROFILE");
        if (!profile.empty()) c.state_dir = profile + "\\.rmvss\\control";
    }
    c = resolve_connection(c, config.control_plane_address);
    config.control_plane_address = c.address;
    config.token_file = c.token_file;
    config.state_dir = c.state_dir;
    apply(config.event_file, key, L"EventFile", L"RMVSS_EVENT_FILE");
    apply(config.test_account, key, L"TestAccount", L"RMVSS_TEST_ACCOUNT");
    if (key) RegCloseKey(key);
    return config;
}

}  // namespace rmvss::native
