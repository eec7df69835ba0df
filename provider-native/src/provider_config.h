// Runtime settings, read from HKLM\SOFTWARE\rmvss\Provider (REG_SZ values) and overridden by the
// environment variables of the same meaning:
//   ControlPlaneAddress / RMVSS_CONTROL_ADDRESS or RMVSS_CONTROL_PLANE
//                                               host:port of the control plane
//   TokenFile           / RMVSS_TOKEN_FILE      file holding the auth token sent as metadata
//   StateDirectory      / RMVSS_CONTROL_STATE   the control plane's state directory (`rmvss serve
//                                               --state DIR`; default %USERPROFILE%\.rmvss\control):
//                                               its `port` file gives the address (127.0.0.1:<port>)
//                                               and its `token` file the token, unless set above;
//                                               with neither, 127.0.0.1:50951
//   EventFile           / RMVSS_EVENT_FILE      also append each event as one JSON line here
//   TestAccount         / RMVSS_TEST_ACCOUNT    TESTS ONLY: "LocalSystem" or "User" replaces the
//                                               token check's answer (Wine has no Local System)
#pragma once

#include <string>

namespace rmvss::native {

struct ProviderConfig {
    std::string control_plane_address = "127.0.0.1:50951";  // as resolved by load()
    std::string token_file;                                  // as resolved by load()
    std::string state_dir;
    std::string event_file;
    std::string test_account;

    static ProviderConfig load();
};

}  // namespace rmvss::native
