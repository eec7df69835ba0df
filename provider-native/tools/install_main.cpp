// rmvss-install: installs or uninstalls the 'RM Shadow Copy Provider' on Windows the way the
// seed's 3.5.1/3.5.2 (install, update) and 3.6 (uninstall) describe, printing each step:
//   rmvss-install install   [--dll PATH] [--dry-run] [--no-com-plus] [--service NAME]
//   rmvss-install uninstall [--dll PATH] [--dry-run] [--no-com-plus] [--service NAME]
// install:   stop VSS, DllRegisterServer, create the COM+ application (Local System) with the
//            provider class (one left by an earlier install is removed first: 3.5.2's update),
//            start VSS. Stops at the first failure, undoes the registration, starts VSS again.
// uninstall: stop VSS, remove the COM+ application, DllUnregisterServer, start VSS (every step
//            runs even after a failure, so a half-installed provider can always be removed).
// --dll defaults to rmvssprv.dll next to this program. --service (default VSS) and --no-com-plus
// exist for tests under Wine, which has neither a VSS service nor a COM+ catalog.
// Exit: 0 done, 1 a step failed (the output says which, why and the fix), 2 bad arguments.
#include "complus_application.h"
#include "error_text.h"
#include "identity.h"
#include "install_plan.h"
#include "self_registration.h"
#include "service_control.h"

#include <objbase.h>
#include <shellapi.h>
#include <windows.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace rmvss::install;

namespace {

constexpr std::chrono::seconds kServiceTimeout{60};
constexpr const wchar_t* kLocalSystem = L"NT Authority\\LocalSystem";

struct Options {
    std::wstring command;  // install | uninstall
    std::wstring dll;
    std::wstring service = L"VSS";
    bool dry_run = false;
    bool com_plus = true;
};

int usage(const std::string& problem) {
    std::fprintf(stderr,
                 "rmvss-install: %s\n"
                 "usage: rmvss-install install|uninstall [--dll PATH] [--dry-run] [--no-com-plus] [--service NAME]\n"
                 "  --dll PATH      the provider DLL (default: rmvssprv.dll next to rmvss-install.exe)\n"
                 "  --dry-run       print the steps, change nothing\n"
                 "  --no-com-plus   no COM+ application (tests under Wine only: VSS on Windows needs it)\n"
                 "  --service NAME  the service to stop and start (default VSS, 'Volume Shadow Copy')\n",
                 problem.c_str());
    return 2;
}

std::wstring beside_this_program(const wchar_t* file) {
    wchar_t path[MAX_PATH];
    DWORD n = GetModuleFileNameW(nullptr, path, MAX_PATH);
    std::wstring dir = n && n < MAX_PATH ? std::wstring(path, n) : L"";
    size_t slash = dir.find_last_of(L"\\/");
    return (slash == std::wstring::npos ? L"" : dir.substr(0, slash + 1)) + file;
}

std::wstring absolute(const std::wstring& path) {
    wchar_t full[MAX_PATH];
    DWORD n = GetFullPathNameW(path.c_str(), MAX_PATH, full, nullptr);
    return n && n < MAX_PATH ? std::wstring(full, n) : path;
}

StepResult from(const ServiceOutcome& o) { return StepResult{o.ok, o.lines, o.error, o.fix}; }
StepResult from(const RegistrationOutcome& o) { return StepResult{o.ok, {}, o.error, o.fix}; }

std::vector<Step> plan(const Options& o) {
    const std::string dll = narrow(o.dll);
    const std::string app = narrow(rmvss::native::kProviderName);
    const std::string shown = narrow(service_display_name(o.service));
    const std::wstring service = o.service;
    Step stop{"Stop the " + shown + " service (net stop \"" + shown + "\")",
              [service] { return from(stop_service(service, kServiceTimeout)); }, nullptr, "", false};
    Step start{"Start the " + shown + " service (net start \"" + shown + "\")",
               [service] { return from(start_service(service, kServiceTimeout)); }, nullptr, "", true};
    Step remove_app{"Remove the COM+ application '" + app + "' (if there is one)", [] {
                        ComPlusOutcome r = remove_application(rmvss::native::kProviderName);
                        StepResult s{r.ok, {}, r.error, r.fix};
                        if (r.ok) s.lines.push_back(r.removed ? "removed " + std::to_string(r.removed) : "none found");
                        return s;
                    }, nullptr, "", false};
    const std::wstring path = o.dll;
    auto unregister = [path] { return from(call_registration_entry(path, "DllUnregisterServer")); };
    Step register_dll{"Register " + dll + " (DllRegisterServer: COM class, event source, VSS provider " +
                          narrow(rmvss::native::kProviderVersion) + ")",
                      [path] { return from(call_registration_entry(path, "DllRegisterServer")); }, unregister,
                      "unregister " + dll + " (DllUnregisterServer)", false};
    Step unregister_dll{"Unregister " + dll + " (DllUnregisterServer: VSS provider, event source, COM class)", unregister,
                        nullptr, "", false};
    // One left by an earlier install goes first (3.5.2's update; a leftover blocks a reinstall).
    Step create_app{"Create the COM+ application '" + app + "' (server, identity " + narrow(kLocalSystem) +
                        ", replacing an earlier one) with the provider class " + narrow(rmvss::native::kProviderClsidText),
                    [] {
                        ComPlusOutcome old = remove_application(rmvss::native::kProviderName);
                        if (!old.ok) return StepResult{false, {}, old.error, old.fix};
                        StepResult s;
                        if (old.removed) s.lines.push_back("removed the earlier application");
                        ComPlusApplication spec{rmvss::native::kProviderName,
                                                L"VSS hardware provider for Hitachi arrays through CCI (rmvss)", kLocalSystem,
                                                rmvss::native::kProviderClsidText};
                        ComPlusOutcome r = create_application(spec);
                        s.ok = r.ok;
                        s.error = r.error;
                        s.fix = r.fix;
                        return s;
                    },
                    [] {
                        ComPlusOutcome r = remove_application(rmvss::native::kProviderName);
                        return StepResult{r.ok, {}, r.error, r.fix};
                    },
                    "remove the COM+ application '" + app + "'", false};
    std::vector<Step> steps;
    if (o.command == L"install") {
        steps.push_back(stop);
        steps.push_back(register_dll);
        if (o.com_plus) steps.push_back(create_app);
        steps.push_back(start);
    } else {
        steps.push_back(stop);
        if (o.com_plus) steps.push_back(remove_app);
        steps.push_back(unregister_dll);
        steps.push_back(start);
    }
    return steps;
}

}  // namespace

int main() {
    int argc = 0;
    wchar_t** argv = CommandLineToArgvW(GetCommandLineW(), &argc);
    if (!argv) return usage("cannot read the command line");
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::wstring a = argv[i];
        if (a == L"install" || a == L"uninstall") {
            if (!o.command.empty()) return usage("give one command, install or uninstall");
            o.command = a;
        } else if (a == L"--dry-run") {
            o.dry_run = true;
        } else if (a == L"--no-com-plus") {
            o.com_plus = false;
        } else if (a == L"--dll" || a == L"--service") {
            if (i + 1 >= argc) return usage(narrow(a) + " needs a value");
            (a == L"--dll" ? o.dll : o.service) = argv[++i];
        } else {
            return usage("unknown argument '" + narrow(a) + "'");
        }
    }
    LocalFree(argv);
    if (o.command.empty()) return usage("give a command: install or uninstall");
    o.dll = absolute(o.dll.empty() ? beside_this_program(L"rmvssprv.dll") : o.dll);
    if (GetFileAttributesW(o.dll.c_str()) == INVALID_FILE_ATTRIBUTES) {
        std::printf("rmvss-install: the provider DLL %s is not there (%s)\n"
                    "Fix: give its path with --dll, or put rmvssprv.dll next to rmvss-install.exe\n",
                    narrow(o.dll).c_str(), win32_text(GetLastError()).c_str());
        return 1;
    }

    HRESULT com = CoInitializeEx(nullptr, COINIT_APARTMENTTHREADED);
    std::vector<Step> steps = plan(o);
    std::printf("rmvss-install %s%s: '%s' %s, provider ID {748babd3-8c62-4b3d-b6b7-430b5f858c74}, %s\n",
                narrow(o.command).c_str(), o.dry_run ? " --dry-run (nothing is changed)" : "",
                narrow(rmvss::native::kProviderName).c_str(), narrow(rmvss::native::kProviderVersion).c_str(),
                narrow(o.dll).c_str());
    if (!o.com_plus) std::printf("(--no-com-plus: no COM+ application; VSS on Windows needs one, this is for tests)\n");
    int rc = 0;
    if (o.dry_run) {
        print_plan(steps);
    } else {
        bool ok = run_plan(steps, o.command == L"install" ? Mode::StopAtFirstFailure : Mode::BestEffort);
        std::printf("rmvss-install: %s %s\n", narrow(o.command).c_str(),
                    ok ? "done" : o.command == L"install" ? "FAILED (undone as far as possible; see FAILED and Fix above)"
                                                          : "incomplete (see FAILED and Fix above; run it again after the fix)");
        rc = ok ? 0 : 1;
    }
    if (SUCCEEDED(com)) CoUninitialize();
    return rc;
}
