// vsscoord.exe: plays the VSS coordinator against a registered hardware provider (under Wine).
//   vsscoord list-providers | list-shadows        vssadmin's output format
//   vsscoord create|abort|import|delete [--luns FILE] [--keep-going] [--provider {id}] [--context N]
//   vsscoord resync|break --luns FILE --targets FILE
// Each provider call is printed with its HRESULT and duration; calls are checked against the
// HRESULTs VSS accepts, the DLL's own per-call deadlines and VSS's 10 s flush-and-hold window.
// Exit: 0 every call S_OK, 1 some call failed or the provider declined the LUNs (legally, in time), 2 usage, 3 a deadline or the
// writer-freeze window was broken, 4 an HRESULT VSS does not accept, 5 provider not available.
#include "call_policy.h"
#include "lun_file.h"
#include "lun_marshal.h"
#include "provider_registry.h"

#include <fcntl.h>
#include <io.h>
#include <objbase.h>
#include <vsadmin.h>
#include <vsprov.h>
#include <vsserror.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace rmvss::native;
using namespace vsscoord;
using Clock = std::chrono::steady_clock;

namespace {

constexpr double kFlushAndHoldMs = 10000;  // VSS cancels the flush-and-hold of writes after 10 s

const char* hresult_name(HRESULT hr) {
    switch (hr) {
    case S_OK: return "S_OK";
    case E_OUTOFMEMORY: return "E_OUTOFMEMORY";
    case E_INVALIDARG: return "E_INVALIDARG";
    case E_ACCESSDENIED: return "E_ACCESSDENIED";
    case E_NOTIMPL: return "E_NOTIMPL";
    case VSS_E_BAD_STATE: return "VSS_E_BAD_STATE";
    case VSS_E_PROVIDER_VETO: return "VSS_E_PROVIDER_VETO";
    case VSS_E_OBJECT_NOT_FOUND: return "VSS_E_OBJECT_NOT_FOUND";
    case VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER: return "VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER";
    case VSS_E_UNEXPECTED_PROVIDER_ERROR: return "VSS_E_UNEXPECTED_PROVIDER_ERROR";
    case VSS_E_MAXIMUM_NUMBER_OF_VOLUMES_REACHED: return "VSS_E_MAXIMUM_NUMBER_OF_VOLUMES_REACHED";
    case VSS_E_MAXIMUM_NUMBER_OF_SNAPSHOTS_REACHED: return "VSS_E_MAXIMUM_NUMBER_OF_SNAPSHOTS_REACHED";
    case VSS_E_UNSUPPORTED_CONTEXT: return "VSS_E_UNSUPPORTED_CONTEXT";
    case VSS_E_INSUFFICIENT_STORAGE: return "VSS_E_INSUFFICIENT_STORAGE";
    case VSS_E_NESTED_VOLUME_LIMIT: return "VSS_E_NESTED_VOLUME_LIMIT";
    case VSS_S_ASYNC_FINISHED: return "VSS_S_ASYNC_FINISHED";
    default: return "?";
    }
}

// The HRESULTs VSS documents for provider methods; anything else is logged by VSS as
// VSS_E_UNEXPECTED_PROVIDER_ERROR. (Kept independent of the DLL's own table on purpose.)
bool vss_accepts(const char* call, HRESULT hr) {
    switch (hr) {
    case S_OK: case E_OUTOFMEMORY: case E_INVALIDARG: case E_ACCESSDENIED: case VSS_E_PROVIDER_VETO:
    case VSS_E_BAD_STATE: case VSS_E_OBJECT_NOT_FOUND: case VSS_E_INSUFFICIENT_STORAGE:
    case VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER: case VSS_E_MAXIMUM_NUMBER_OF_SNAPSHOTS_REACHED:
        return true;
    case VSS_E_UNSUPPORTED_CONTEXT: case VSS_E_MAXIMUM_NUMBER_OF_VOLUMES_REACHED: case VSS_E_NESTED_VOLUME_LIMIT:
        return std::string(call) == "BeginPrepareSnapshot";
    default:
        return false;
    }
}

struct Options {
    std::string scenario;
    std::string luns_file, targets_file;
    bool keep_going = false;
    GUID provider_id = {0x748babd3, 0x8c62, 0x4b3d, {0xb6, 0xb7, 0x43, 0x0b, 0x5f, 0x85, 0x8c, 0x74}};
    LONG context = 0;  // VSS_CTX_BACKUP
    int count = 200;   // bench
};

// LUN arrays the way VSS owns them: CoTaskMemAlloc'ed, freed by the coordinator afterwards.
struct VssLuns {
    std::vector<VDS_LUN_INFORMATION> vds;
    std::vector<std::wstring> names;
    std::vector<VSS_PWSZ> devices;
    explicit VssLuns(const std::vector<DeviceLun>& luns) : vds(luns.size()) {
        for (size_t i = 0; i < luns.size(); ++i) {
            vds[i] = {};
            replace_lun(vds[i], luns[i].lun);
            names.emplace_back(luns[i].device.begin(), luns[i].device.end());
        }
        for (auto& n : names) devices.push_back(&n[0]);
    }
    explicit VssLuns(size_t count) : vds(count) {
        for (auto& v : vds) v = {};
    }
    ~VssLuns() {
        for (auto& v : vds) free_lun(v);
    }
    LONG count() const { return static_cast<LONG>(vds.size()); }
};

class Coordinator {
public:
    explicit Coordinator(const Options& options) : options_(options) {}

    // One provider call: printed, timed, checked.
    HRESULT call(const char* name, VssCall policy, const std::function<HRESULT()>& fn,
                 const std::function<std::string()>& describe_result = nullptr) {
        auto start = Clock::now();
        HRESULT hr = fn();
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        double limit = static_cast<double>(call_deadline(policy).count()) + 1000;  // + scheduling slack
        bool legal = vss_accepts(name, hr);
        std::string note = describe_result ? describe_result() : "";
        std::printf("  %-26s 0x%08lX %-28s %9.1f ms%s%s%s\n", name, static_cast<unsigned long>(hr), hresult_name(hr), ms,
                    note.empty() ? "" : "  ", note.c_str(), legal ? "" : "  <-- not an HRESULT VSS accepts");
        if (ms > limit) {
            std::printf("  !! %s took %.1f ms, over its %.0f ms deadline\n", name, ms, limit - 1000);
            broke_deadline_ = true;
        }
        if (!legal) illegal_ = true;
        calls_++;
        if (FAILED(hr)) failed_++;
        return hr;
    }
    // Calls not forwarded to a control plane (OnLoad, OnUnload, IVssAsync).
    HRESULT local(const char* name, const std::function<HRESULT()>& fn) {
        auto start = Clock::now();
        HRESULT hr = fn();
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        std::printf("  %-26s 0x%08lX %-28s %9.1f ms\n", name, static_cast<unsigned long>(hr), hresult_name(hr), ms);
        return hr;
    }

    int exit_code() const {
        std::printf("result: %d provider calls, %d failed; deadlines and freeze rules %s; HRESULTs %s\n", calls_, failed_,
                    broke_deadline_ ? "BROKEN" : "kept", illegal_ ? "NOT all VSS-legal" : "all VSS-legal");
        if (illegal_) return 4;
        if (broke_deadline_) return 3;
        return failed_ || declined_ ? 1 : 0;
    }
    void broke_window() { broke_deadline_ = true; }
    void declined() { declined_ = true; }
    bool keep_going(HRESULT hr) const { return SUCCEEDED(hr) || options_.keep_going; }

private:
    const Options& options_;
    int calls_ = 0, failed_ = 0;
    bool broke_deadline_ = false, illegal_ = false, declined_ = false;
};

template <class T>
struct ComPtr {
    T* p = nullptr;
    ~ComPtr() {
        if (p) p->Release();
    }
    void** out() { return reinterpret_cast<void**>(&p); }
    T* operator->() const { return p; }
};

int print_providers() {
    std::printf("vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool\n");
    std::printf("(C) Copyright 2001 Microsoft Corp.\n");
    ComPtr<IVssAdmin> admin;
    HRESULT hr = CoCreateInstance(CLSID_VSSCoordinator, nullptr, CLSCTX_ALL, IID_IVssAdmin, admin.out());
    ComPtr<IVssEnumObject> items;
    if (SUCCEEDED(hr)) hr = admin->QueryProviders(&items.p);
    if (FAILED(hr)) {
        std::printf("\nError: Unexpected failure: 0x%08lX (the harness coordinator is not registered?)\n",
                    static_cast<unsigned long>(hr));
        return 2;
    }
    static const char* const types[] = {"Unknown", "System", "Software", "Hardware", "FileShare"};
    VSS_OBJECT_PROP prop;
    ULONG fetched = 0;
    while (items->Next(1, &prop, &fetched) == S_OK && fetched == 1) {
        VSS_PROVIDER_PROP& p = prop.Obj.Prov;
        std::printf("\nProvider name: '%ls'\n", p.m_pwszProviderName ? p.m_pwszProviderName : L"");
        std::printf("  Provider type: %s\n", p.m_eProviderType <= 4 ? types[p.m_eProviderType] : "Unknown");
        std::printf("  Provider Id: %ls\n", guid_text(p.m_ProviderId).c_str());
        std::printf("  Version: %ls\n", p.m_pwszProviderVersion ? p.m_pwszProviderVersion : L"");
        CoTaskMemFree(p.m_pwszProviderName);
        CoTaskMemFree(p.m_pwszProviderVersion);
    }
    return 0;
}

int list_shadows() {
    std::printf("vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool\n");
    std::printf("(C) Copyright 2001 Microsoft Corp.\n\n");
    std::printf("No items found that satisfy the query.\n");  // the harness keeps no shadow copies yet
    return 0;
}

void print_luns(const char* what, const VssLuns& luns) {
    for (LONG i = 0; i < luns.count(); ++i)
        std::printf("    %s %ld: %s\n", what, static_cast<long>(i), describe(lun_from(luns.vds[i])).c_str());
}

// The DLL's optional JSON-lines event file (RMVSS_EVENT_FILE): its size tells whether the DLL
// wrote an event while the writers were frozen, which it must never do.
long long event_file_size() {
    wchar_t path[MAX_PATH];
    DWORD n = GetEnvironmentVariableW(L"RMVSS_EVENT_FILE", path, MAX_PATH);
    WIN32_FILE_ATTRIBUTE_DATA data;
    if (n == 0 || n >= MAX_PATH || !GetFileAttributesExW(path, GetFileExInfoStandard, &data)) return 0;
    return (static_cast<long long>(data.nFileSizeHigh) << 32) | data.nFileSizeLow;
}

GUID new_guid() {
    GUID g{};
    CoCreateGuid(&g);
    return g;
}

int run_scenario(const Options& o) {
    std::vector<DeviceLun> luns = o.luns_file.empty() ? default_luns() : read_lun_file(o.luns_file);
    std::vector<DeviceLun> targets;
    if (o.scenario == "resync" || o.scenario == "break") {
        if (o.targets_file.empty()) throw std::runtime_error(o.scenario + " needs --targets FILE");
        targets = read_lun_file(o.targets_file);
        if (targets.size() != luns.size()) throw std::runtime_error("--luns and --targets differ in LUN count");
    }

    CLSID clsid{};
    bool found = false;
    for (const ProviderEntry& e : vsscoord::list_providers())
        if (e.id == o.provider_id) clsid = e.clsid, found = true;
    if (!found) {
        std::printf("vsscoord: provider %ls is not registered (regsvr32 rmvssprv.dll)\n", guid_text(o.provider_id).c_str());
        return 5;
    }
    GUID set = new_guid();
    std::printf("vsscoord %s: provider %ls (CLSID %ls), %zu LUN(s), snapshot set %ls\n", o.scenario.c_str(),
                guid_text(o.provider_id).c_str(), guid_text(clsid).c_str(), luns.size(), guid_text(set).c_str());

    Coordinator c(o);
    ComPtr<IVssHardwareSnapshotProvider> hw;
    HRESULT hr = c.local("CoCreateInstance", [&] {
        return CoCreateInstance(clsid, nullptr, CLSCTX_ALL, IID_IVssHardwareSnapshotProvider, hw.out());
    });
    if (FAILED(hr)) {
        std::printf("result: provider not created (0x%08lX %s)\n", static_cast<unsigned long>(hr), hresult_name(hr));
        return 5;
    }
    ComPtr<IVssProviderCreateSnapshotSet> create;
    ComPtr<IVssProviderNotifications> notifications;
    ComPtr<IVssHardwareSnapshotProviderEx> ex;
    if (FAILED(hw->QueryInterface(IID_IVssProviderCreateSnapshotSet, create.out())) ||
        FAILED(hw->QueryInterface(IID_IVssProviderNotifications, notifications.out())) ||
        FAILED(hw->QueryInterface(IID_IVssHardwareSnapshotProviderEx, ex.out()))) {
        std::printf("result: the provider lacks one of the VSS provider interfaces\n");
        return 5;
    }
    c.local("OnLoad", [&] { return notifications->OnLoad(nullptr); });

    if (o.scenario == "bench") {  // per-call round trip through the DLL: AbortSnapshots of unknown sets
        std::vector<double> ms;
        std::map<HRESULT, int> results;
        for (int i = 0; i < o.count + 10; ++i) {
            GUID unknown = new_guid();
            auto start = std::chrono::steady_clock::now();
            HRESULT r = create->AbortSnapshots(unknown);
            double took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            if (i >= 10) ms.push_back(took), results[r]++;  // the first 10 warm up (connection, JIT)
        }
        std::sort(ms.begin(), ms.end());
        auto pct = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))]; };
        std::printf("bench AbortSnapshots through rmvssprv.dll: %zu calls, p50 %.3f ms, p99 %.3f ms, max %.3f ms\n",
                    ms.size(), pct(0.50), pct(0.99), ms.back());
        for (const auto& [r, n] : results)
            std::printf("  %d x 0x%08lX %s\n", n, static_cast<unsigned long>(r), hresult_name(r));
        notifications->OnUnload(FALSE);
        return 0;
    }

    VssLuns source(luns);
    print_luns("LUN", source);
    const std::string& s = o.scenario;
    if (s == "create" || s == "abort") {
        BOOL supported = FALSE;
        hr = c.call("AreLunsSupported", VssCall::AreLunsSupported, [&] {
            return hw->AreLunsSupported(source.count(), o.context, source.devices.data(), source.vds.data(), &supported);
        }, [&] { return std::string(supported ? "supported=TRUE" : "supported=FALSE"); });
        bool go = SUCCEEDED(hr) && supported;
        if (!go) {
            std::printf("  (the provider declined: VSS would pick another provider or fail the set)\n");
            c.declined();
        }
        bool prepared = false;
        for (LONG i = 0; (go || o.keep_going) && i < source.count(); ++i) {
            GUID snapshot = new_guid();
            prepared = true;
            hr = c.call("BeginPrepareSnapshot", VssCall::BeginPrepareSnapshot, [&] {
                return hw->BeginPrepareSnapshot(set, snapshot, o.context, 1, &source.devices[i], &source.vds[i]);
            });
            go = go && SUCCEEDED(hr);
        }
        if (go || o.keep_going) go = c.keep_going(c.call("EndPrepareSnapshots", VssCall::EndPrepareSnapshots, [&] {
            return create->EndPrepareSnapshots(set);
        })) && go;
        if (s == "abort") {
            c.call("AbortSnapshots", VssCall::AbortSnapshots, [&] { return create->AbortSnapshots(set); });
        } else if (go || o.keep_going) {
            auto freeze = Clock::now();  // writers freeze here
            long long events_before = event_file_size();
            bool ok = SUCCEEDED(c.call("PreCommitSnapshots", VssCall::PreCommitSnapshots, [&] { return create->PreCommitSnapshots(set); }));
            double hold_ms = 0;
            if (ok || o.keep_going) {
                auto hold = Clock::now();  // flush-and-hold of writes
                ok = SUCCEEDED(c.call("CommitSnapshots", VssCall::CommitSnapshots, [&] { return create->CommitSnapshots(set); })) && ok;
                hold_ms = std::chrono::duration<double, std::milli>(Clock::now() - hold).count();
            }
            if (ok || o.keep_going)
                ok = SUCCEEDED(c.call("PostCommitSnapshots", VssCall::PostCommitSnapshots, [&] {
                         return create->PostCommitSnapshots(set, source.count());
                     })) && ok;
            double frozen_ms = std::chrono::duration<double, std::milli>(Clock::now() - freeze).count();
            if (event_file_size() != events_before) {
                std::printf("  !! the provider wrote an event while the writers were frozen\n");
                c.broke_window();
            }
            std::printf("  writers frozen %.1f ms; writes held (CommitSnapshots) %.1f ms of %.0f ms\n", frozen_ms, hold_ms,
                        kFlushAndHoldMs);
            if (hold_ms > kFlushAndHoldMs) {
                std::printf("  !! CommitSnapshots outlasted the 10 s flush-and-hold window: VSS would cancel the set\n");
                c.broke_window();
            }
            if (ok || o.keep_going) {
                c.call("PreFinalCommitSnapshots", VssCall::PreFinalCommitSnapshots, [&] { return create->PreFinalCommitSnapshots(set); });
                c.call("PostFinalCommitSnapshots", VssCall::PostFinalCommitSnapshots, [&] { return create->PostFinalCommitSnapshots(set); });
                VssLuns target(source.vds.size());
                hr = c.call("GetTargetLuns", VssCall::GetTargetLuns, [&] {
                    return hw->GetTargetLuns(source.count(), source.devices.data(), source.vds.data(), target.vds.data());
                });
                if (SUCCEEDED(hr)) print_luns("target", target);
            } else {
                c.call("AbortSnapshots", VssCall::AbortSnapshots, [&] { return create->AbortSnapshots(set); });
            }
        } else if (prepared) {  // VSS aborts only what reached BeginPrepareSnapshot
            c.call("AbortSnapshots", VssCall::AbortSnapshots, [&] { return create->AbortSnapshots(set); });
        }
    } else if (s == "import") {
        hr = c.call("LocateLuns", VssCall::LocateLuns, [&] { return hw->LocateLuns(source.count(), source.vds.data()); });
        for (LONG i = 0; c.keep_going(hr) && i < source.count(); ++i) {
            BOOL supported = FALSE;
            hr = c.call("FillInLunInfo", VssCall::FillInLunInfo, [&] {
                return hw->FillInLunInfo(source.devices[i], &source.vds[i], &supported);
            }, [&] { return std::string(supported ? "supported=TRUE" : "supported=FALSE"); });
        }
    } else if (s == "delete") {
        for (LONG i = 0; i < source.count(); ++i) {
            BOOL supported = FALSE;
            hr = c.call("FillInLunInfo", VssCall::FillInLunInfo, [&] {
                return hw->FillInLunInfo(source.devices[i], &source.vds[i], &supported);
            }, [&] { return std::string(supported ? "supported=TRUE" : "supported=FALSE"); });
            if (c.keep_going(hr))
                c.call("OnLunEmpty", VssCall::OnLunEmpty, [&] { return hw->OnLunEmpty(source.devices[i], &source.vds[i]); });
        }
    } else if (s == "resync") {
        VssLuns target(targets);
        ComPtr<IVssAsync> async;
        hr = c.call("ResyncLuns", VssCall::ResyncLuns, [&] {
            return ex->ResyncLuns(source.vds.data(), target.vds.data(), static_cast<DWORD>(source.count()), &async.p);
        });
        if (SUCCEEDED(hr) && async.p) {
            c.local("IVssAsync::Wait", [&] { return async->Wait(INFINITE); });
            HRESULT status = S_OK;
            c.local("IVssAsync::QueryStatus", [&] { return async->QueryStatus(&status, nullptr); });
            std::printf("    resync status 0x%08lX %s\n", static_cast<unsigned long>(status), hresult_name(status));
        }
    } else if (s == "break") {
        VssLuns target(targets);
        c.call("OnLunStateChange", VssCall::OnLunStateChange, [&] {
            return ex->OnLunStateChange(target.vds.data(), source.vds.data(), static_cast<DWORD>(source.count()),
                                        VSS_ONLUNSTATECHANGE_NOTIFY_READ_WRITE);
        });
    }
    c.local("OnUnload", [&] { return notifications->OnUnload(FALSE); });
    return c.exit_code();
}

int usage() {
    std::fprintf(stderr,
                 "usage: vsscoord list-providers | list-shadows\n"
                 "       vsscoord create|abort|import|delete [--luns FILE] [--keep-going] [--provider {id}] [--context N]\n"
                 "       vsscoord resync|break --luns FILE --targets FILE\n"
                 "       vsscoord bench [--count N]   (AbortSnapshots round trips: p50/p99)\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    _setmode(_fileno(stdout), _O_BINARY);  // '\n', not "\r\n": the wrappers print to a Linux terminal
    setvbuf(stdout, nullptr, _IONBF, 0);   // a crash still shows every call made so far
    if (argc < 2) return usage();
    Options o;
    o.scenario = argv[1];
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--luns") o.luns_file = value();
        else if (a == "--targets") o.targets_file = value();
        else if (a == "--keep-going") o.keep_going = true;
        else if (a == "--context") o.context = std::stol(value(), nullptr, 0);
        else if (a == "--count") o.count = std::stoi(value());
        else if (a == "--provider") {
            std::string t = value();
            if (!parse_guid(std::wstring(t.begin(), t.end()), o.provider_id)) return usage();
        } else return usage();
    }
    CoInitializeEx(nullptr, COINIT_MULTITHREADED);
    int code = 2;
    try {
        if (o.scenario == "list-providers") code = print_providers();
        else if (o.scenario == "list-shadows") code = list_shadows();
        else if (o.scenario == "create" || o.scenario == "abort" || o.scenario == "import" || o.scenario == "delete" ||
                 o.scenario == "resync" || o.scenario == "break" || o.scenario == "bench")
            code = run_scenario(o);
        else code = usage();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "vsscoord: %s\n", e.what());
        code = 2;
    }
    CoUninitialize();
    return code;
}
