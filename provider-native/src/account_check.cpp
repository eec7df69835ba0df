#include "account_check.h"

#include <windows.h>

#include <vector>

namespace rmvss::native {

bool running_as_local_system(const ProviderConfig& config) {
    if (config.test_account == "LocalSystem") return true;
    if (config.test_account == "User") return false;

    HANDLE token = nullptr;
    if (!OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &token) &&
        !OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
        return false;
    DWORD size = 0;
    GetTokenInformation(token, TokenUser, nullptr, 0, &size);
    std::vector<BYTE> buffer(size ? size : 1);
    bool system = false;
    if (size && GetTokenInformation(token, TokenUser, buffer.data(), size, &size)) {
        PSID user = reinterpret_cast<TOKEN_USER*>(buffer.data())->User.Sid;
        system = IsWellKnownSid(user, WinLocalSystemSid) != FALSE;
    }
    CloseHandle(token);
    return system;
}

}  // namespace rmvss::native
