#include "service_control.h"

#include "error_text.h"

#include <thread>

namespace rmvss::install {

namespace {

using Clock = std::chrono::steady_clock;

// Closes an SC_HANDLE on every path.
class Handle {
public:
    explicit Handle(SC_HANDLE h = nullptr) : h_(h) {}
    ~Handle() {
        if (h_) CloseServiceHandle(h_);
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    SC_HANDLE get() const { return h_; }
    explicit operator bool() const { return h_ != nullptr; }

private:
    SC_HANDLE h_;
};

std::string fix_for(DWORD error, const std::wstring& name) {
    switch (error) {
        case ERROR_ACCESS_DENIED: return "run rmvss-install from an elevated (Run as administrator) command prompt";
        case ERROR_SERVICE_DOES_NOT_EXIST:
            return "this Windows has no service named '" + narrow(name) + "'; check with: sc query " + narrow(name);
        case ERROR_SERVICE_DISABLED: return "enable it: sc config " + narrow(name) + " start= demand";
        case ERROR_DEPENDENT_SERVICES_RUNNING:
            return "stop the services that depend on it first (sc enumdepend " + narrow(name) + "), then retry";
        default: return "check the service with: sc query " + narrow(name) + " (and the System event log)";
    }
}

ServiceOutcome failed(const std::string& what, DWORD error, const std::wstring& name) {
    ServiceOutcome out;
    out.error = what + ": " + win32_text(error);
    out.fix = fix_for(error, name);
    return out;
}

bool query(SC_HANDLE service, SERVICE_STATUS_PROCESS& status) {
    DWORD needed = 0;
    return QueryServiceStatusEx(service, SC_STATUS_PROCESS_INFO, reinterpret_cast<BYTE*>(&status), sizeof status, &needed) != 0;
}

// Polls until the service is in `wanted` or the deadline passes; the wait between polls follows
// the service's own hint (a tenth of it, 100 ms to 1 s), as the SCM documentation advises.
bool wait_for(SC_HANDLE service, DWORD wanted, Clock::time_point deadline, SERVICE_STATUS_PROCESS& status) {
    for (;;) {
        if (!query(service, status)) return false;
        if (status.dwCurrentState == wanted) return true;
        if (Clock::now() >= deadline) return false;
        DWORD wait = status.dwWaitHint / 10;
        if (wait < 100) wait = 100;
        if (wait > 1000) wait = 1000;
        std::this_thread::sleep_for(std::chrono::milliseconds(wait));
    }
}

}  // namespace

std::wstring service_display_name(const std::wstring& name) {
    Handle scm(OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT));
    if (!scm) return name;
    wchar_t display[256];
    DWORD size = 256;
    if (!GetServiceDisplayNameW(scm.get(), name.c_str(), display, &size)) return name;
    return display;
}

ServiceOutcome stop_service(const std::wstring& name, std::chrono::seconds timeout) {
    const std::string shown = narrow(service_display_name(name));
    Handle scm(OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT));
    if (!scm) return failed("cannot open the Service Control Manager", GetLastError(), name);
    Handle service(OpenServiceW(scm.get(), name.c_str(), SERVICE_STOP | SERVICE_QUERY_STATUS));
    if (!service) return failed("cannot open the service '" + narrow(name) + "'", GetLastError(), name);
    SERVICE_STATUS_PROCESS status{};
    if (!query(service.get(), status)) return failed("cannot query the service '" + narrow(name) + "'", GetLastError(), name);
    ServiceOutcome out;
    if (status.dwCurrentState == SERVICE_STOPPED) {
        out.ok = true;
        out.lines.push_back("The " + shown + " service is not started.");
        return out;
    }
    out.was_running = true;
    const auto deadline = Clock::now() + timeout;
    if (status.dwCurrentState != SERVICE_STOP_PENDING) {
        SERVICE_STATUS ignored{};
        if (!ControlService(service.get(), SERVICE_CONTROL_STOP, &ignored) && GetLastError() != ERROR_SERVICE_NOT_ACTIVE) {
            ServiceOutcome f = failed("the service '" + narrow(name) + "' refused to stop", GetLastError(), name);
            f.was_running = true;
            return f;
        }
    }
    out.lines.push_back("The " + shown + " service is stopping.");
    if (!wait_for(service.get(), SERVICE_STOPPED, deadline, status)) {
        out.error = "the service '" + narrow(name) + "' did not stop within " + std::to_string(timeout.count()) +
                    " s (state " + std::to_string(status.dwCurrentState) + ")";
        out.fix = "wait for running backups to end, or end the service's process in Task Manager, then retry";
        return out;
    }
    out.ok = true;
    out.lines.push_back("The " + shown + " service was stopped successfully.");
    return out;
}

ServiceOutcome start_service(const std::wstring& name, std::chrono::seconds timeout) {
    const std::string shown = narrow(service_display_name(name));
    Handle scm(OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT));
    if (!scm) return failed("cannot open the Service Control Manager", GetLastError(), name);
    Handle service(OpenServiceW(scm.get(), name.c_str(), SERVICE_START | SERVICE_QUERY_STATUS));
    if (!service) return failed("cannot open the service '" + narrow(name) + "'", GetLastError(), name);
    SERVICE_STATUS_PROCESS status{};
    if (!query(service.get(), status)) return failed("cannot query the service '" + narrow(name) + "'", GetLastError(), name);
    ServiceOutcome out;
    if (status.dwCurrentState == SERVICE_RUNNING) {
        out.ok = true;
        out.lines.push_back("The requested service has already been started.");  // net start's words
        return out;
    }
    if (!StartServiceW(service.get(), 0, nullptr) && GetLastError() != ERROR_SERVICE_ALREADY_RUNNING)
        return failed("the service '" + narrow(name) + "' did not start", GetLastError(), name);
    out.lines.push_back("The " + shown + " service is starting.");
    if (!wait_for(service.get(), SERVICE_RUNNING, Clock::now() + timeout, status)) {
        out.error = "the service '" + narrow(name) + "' did not reach RUNNING within " + std::to_string(timeout.count()) +
                    " s (state " + std::to_string(status.dwCurrentState) + ")";
        out.fix = "see the System event log for why it did not start; start it later with: net start \"" + shown + "\"";
        return out;
    }
    out.ok = true;
    out.lines.push_back("The " + shown + " service was started successfully.");
    return out;
}

}  // namespace rmvss::install
