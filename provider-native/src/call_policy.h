// Per-call rules the DLL enforces whatever the control plane does: a deadline for every call,
// the HRESULTs VSS accepts from it, and what to return when the control plane is unreachable or
// answers something VSS does not allow. Portable; unit-tested natively.
#pragma once

#include "rmvss/native/control_plane.h"

#include <cstdint>
#include <string>

namespace rmvss::native {

namespace hr {
constexpr int32_t S_OK_ = 0;
constexpr int32_t E_ACCESSDENIED_ = static_cast<int32_t>(0x80070005);
constexpr int32_t E_OUTOFMEMORY_ = static_cast<int32_t>(0x8007000E);
constexpr int32_t E_INVALIDARG_ = static_cast<int32_t>(0x80070057);
constexpr int32_t VSS_E_BAD_STATE_ = static_cast<int32_t>(0x80042301);
constexpr int32_t VSS_E_PROVIDER_VETO_ = static_cast<int32_t>(0x80042306);
constexpr int32_t VSS_E_OBJECT_NOT_FOUND_ = static_cast<int32_t>(0x80042308);
constexpr int32_t VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER_ = static_cast<int32_t>(0x8004230E);
constexpr int32_t VSS_E_MAXIMUM_NUMBER_OF_VOLUMES_REACHED_ = static_cast<int32_t>(0x80042312);
constexpr int32_t VSS_E_MAXIMUM_NUMBER_OF_SNAPSHOTS_REACHED_ = static_cast<int32_t>(0x80042317);
constexpr int32_t VSS_E_UNSUPPORTED_CONTEXT_ = static_cast<int32_t>(0x8004231B);
constexpr int32_t VSS_E_INSUFFICIENT_STORAGE_ = static_cast<int32_t>(0x8004231F);
constexpr int32_t VSS_E_NESTED_VOLUME_LIMIT_ = static_cast<int32_t>(0x8004232C);
}  // namespace hr

enum class VssCall {
    AreLunsSupported,
    FillInLunInfo,
    BeginPrepareSnapshot,
    EndPrepareSnapshots,
    PreCommitSnapshots,
    CommitSnapshots,
    PostCommitSnapshots,
    PreFinalCommitSnapshots,
    PostFinalCommitSnapshots,
    AbortSnapshots,
    GetTargetLuns,
    LocateLuns,
    OnLunEmpty,
    OnLunStateChange,
    ResyncLuns,
    GetResyncStatus,  // not a VSS method: what the ResyncLuns IVssAsync polls
};

const char* call_name(VssCall call);

// The whole budget of one call, transport included. CommitSnapshots must return inside VSS's 10 s
// flush-and-hold window, so it gets 4 s; the other calls inside the writers' freeze get 5 s.
Deadline call_deadline(VssCall call);

bool is_create_path(VssCall call);  // a failure here must veto the snapshot set

// Does VSS accept `result` from `call`? (S_OK, the generic provider errors, and the call's own.)
bool is_legal_hresult(VssCall call, int32_t result);

// The HRESULT the DLL returns for a reply, and the event it must write (empty tag = none).
struct Decision {
    int32_t hresult = 0;
    bool supported = false;  // for AreLunsSupported when the control plane is unreachable
    std::string event_tag;   // "EV_ATTHOR", "EV_EXCEPT", ...
    std::string event_text;
};
// token_file names the file in the [EV_ERPERM] event when the control plane refuses the token.
Decision decide(VssCall call, const Reply& reply, const std::string& control_plane_address,
                const std::string& token_file = "");

}  // namespace rmvss::native
