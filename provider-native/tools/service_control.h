// `net stop` / `net start` of a Windows service through the Service Control Manager, as the seed's
// 3.5/3.6 do for the Volume Shadow Copy service around an install: each waits until the service
// reached the state (or the deadline passed) and says what happened in net's words.
#pragma once

#include <windows.h>

#include <chrono>
#include <string>
#include <vector>

namespace rmvss::install {

struct ServiceOutcome {
    bool ok = false;
    bool was_running = false;        // stop: it was running (or starting) before
    std::vector<std::string> lines;  // what net.exe would print, e.g. "The X service was stopped successfully."
    std::string error;               // when !ok: what failed, with the Win32 error
    std::string fix;                 // when !ok: what the admin can do
};

ServiceOutcome stop_service(const std::wstring& name, std::chrono::seconds deadline);
ServiceOutcome start_service(const std::wstring& name, std::chrono::seconds deadline);
// The display name ("Volume Shadow Copy" for VSS); the service name itself when it cannot be read.
std::wstring service_display_name(const std::wstring& name);

}  // namespace rmvss::install
