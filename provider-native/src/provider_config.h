// Runtime settings, read from HKLM\SOFTWARE\rmvss\Provider (REG_SZ values) and overridden by the
// environment variables of the same meaning:
//   ControlPlaneAddress / RMVSS_CONTROL_PLANE   host:port of the control plane (127.0.0.1:50951)
//   TokenFile           / RMVSS_TOKEN_FILE      file holding the auth token sent as metadata
//   EventFile           / RMVSS_EVENT_FILE      also append each event as one JSON line here
//   TestAccount         / RMVSS_TEST_ACCOUNT    TESTS ONLY: "LocalSystem" or "User" replaces the
//                                               token check's answer (Wine has no Local System)
#pragma once

#include <string>

namespace rmvss::native {

struct ProviderConfig {
    std::string control_plane_address = "127.0.0.1:50951";
    std::string token_file;
    std::string event_file;
    std::string test_account;

    static ProviderConfig load();
};

}  // namespace rmvss::native
