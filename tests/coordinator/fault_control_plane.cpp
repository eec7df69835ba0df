// make_control_plane() of rmvssprv-fault.dll, the harness's fault-injection build of the
// provider (same COM glue, never shipped): a scripted control plane that behaves like a healthy
// array unless RMVSS_FAULT says otherwise for a call:
//   RMVSS_FAULT="CommitSnapshots=hang,BeginPrepareSnapshot=0x80042312,GetTargetLuns=short"
//   hang      never answers (the DLL's deadline must end the call)
//   garbage   answers 0x12345678, an HRESULT VSS does not accept
//   throw     the client throws (as a broken bridge might)
//   short     answers with no LUNs where LUNs are due
//   0x...     answers that HRESULT
// Healthy answers: S_OK; AreLunsSupported/FillInLunInfo "supported"; GetTargetLuns maps LDEV n
// to n+0x10 (page 0x83 NAA and page 0x80 serial), as a ShadowImage pair would.
#include "control_plane_factory.h"

#include <windows.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>

namespace rmvss::native {

namespace {

class ScriptedControlPlane final : public ControlPlane {
public:
    explicit ScriptedControlPlane(std::map<std::string, std::string> faults) : faults_(std::move(faults)) {}

    Reply AreLunsSupported(int32_t, const std::vector<DeviceLun>& luns, Deadline) override {
        return act("AreLunsSupported", [&] {
            Reply r = Reply::answered(0);
            r.supported = true;
            for (const auto& l : luns) r.luns.push_back(l.lun);
            return r;
        });
    }
    Reply FillInLunInfo(const DeviceLun& lun, Deadline) override {
        return act("FillInLunInfo", [&] {
            Reply r = Reply::answered(0);
            r.supported = true;
            r.luns.push_back(lun.lun);
            return r;
        });
    }
    Reply BeginPrepareSnapshot(const Uuid&, const Uuid&, int32_t, const std::vector<DeviceLun>&, Deadline) override { return ok("BeginPrepareSnapshot"); }
    Reply EndPrepareSnapshots(const Uuid&, Deadline) override { return ok("EndPrepareSnapshots"); }
    Reply PreCommitSnapshots(const Uuid&, Deadline) override { return ok("PreCommitSnapshots"); }
    Reply CommitSnapshots(const Uuid&, Deadline) override { return ok("CommitSnapshots"); }
    Reply PostCommitSnapshots(const Uuid&, int32_t, Deadline) override { return ok("PostCommitSnapshots"); }
    Reply PreFinalCommitSnapshots(const Uuid&, Deadline) override { return ok("PreFinalCommitSnapshots"); }
    Reply PostFinalCommitSnapshots(const Uuid&, Deadline) override { return ok("PostFinalCommitSnapshots"); }
    Reply AbortSnapshots(const Uuid&, Deadline) override { return ok("AbortSnapshots"); }
    Reply GetTargetLuns(const std::vector<DeviceLun>& sources, Deadline) override {
        return act("GetTargetLuns", [&] {
            Reply r = Reply::answered(0);
            for (const auto& s : sources) r.luns.push_back(svol_of(s.lun));
            return r;
        });
    }
    Reply LocateLuns(const std::vector<LunInfo>&, Deadline) override { return ok("LocateLuns"); }
    Reply OnLunEmpty(const DeviceLun&, Deadline) override { return ok("OnLunEmpty"); }
    Reply OnLunStateChange(const std::vector<LunInfo>&, const std::vector<LunInfo>&, uint32_t, Deadline) override { return ok("OnLunStateChange"); }
    Reply ResyncLuns(const std::vector<LunInfo>&, const std::vector<LunInfo>&, Deadline) override { return ok("ResyncLuns"); }

private:
    template <class Healthy>
    Reply act(const std::string& call, Healthy healthy) {
        auto f = faults_.find(call);
        if (f == faults_.end()) return healthy();
        const std::string& what = f->second;
        if (what == "hang") {
            std::this_thread::sleep_for(std::chrono::hours(1));
            return Reply::answered(0);
        }
        if (what == "garbage") return Reply::answered(0x12345678);
        if (what == "throw") throw std::runtime_error("scripted failure in " + call);
        if (what == "short") return Reply::answered(0);  // no LUNs, and AreLunsSupported's "supported" false
        return Reply::answered(static_cast<int32_t>(std::stoul(what, nullptr, 0)));
    }
    Reply ok(const std::string& call) {
        return act(call, [] { return Reply::answered(0); });
    }
    static LunInfo svol_of(const LunInfo& pvol) {
        LunInfo s = pvol;
        s.disk_signature = Uuid{};  // not yet visible to the host
        s.interconnects.clear();
        for (auto& id : s.identifiers)
            if (id.type == 3 && id.bytes.size() == 16) id.bytes[15] = static_cast<uint8_t>(id.bytes[15] + 0x10);
        if (s.serial_number && s.serial_number->size() >= 2) {
            std::string& t = *s.serial_number;
            unsigned ldev = std::stoul(t.substr(t.size() - 4), nullptr, 16) + 0x10;
            char tail[8];
            std::snprintf(tail, sizeof tail, "%04X", ldev & 0xFFFF);
            t.replace(t.size() - 4, 4, tail);
        }
        return s;
    }
    std::map<std::string, std::string> faults_;
};

std::map<std::string, std::string> faults_from_environment() {
    std::map<std::string, std::string> faults;
    char text[1024];
    DWORD n = GetEnvironmentVariableA("RMVSS_FAULT", text, sizeof text);
    if (n == 0 || n >= sizeof text) return faults;
    std::string spec(text);
    size_t start = 0;
    while (start < spec.size()) {
        size_t end = spec.find(',', start);
        std::string item = spec.substr(start, end == std::string::npos ? std::string::npos : end - start);
        size_t eq = item.find('=');
        if (eq != std::string::npos) faults[item.substr(0, eq)] = item.substr(eq + 1);
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return faults;
}

}  // namespace

std::shared_ptr<ControlPlane> make_control_plane(const ProviderConfig&) {
    return std::make_shared<ScriptedControlPlane>(faults_from_environment());
}

}  // namespace rmvss::native
