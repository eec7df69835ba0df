#include "call_policy.h"

#include <cstdio>

namespace rmvss::native {

using namespace std::chrono_literals;

const char* call_name(VssCall call) {
    switch (call) {
    case VssCall::AreLunsSupported: return "AreLunsSupported";
    case VssCall::FillInLunInfo: return "FillInLunInfo";
    case VssCall::BeginPrepareSnapshot: return "BeginPrepareSnapshot";
    case VssCall::EndPrepareSnapshots: return "EndPrepareSnapshots";
    case VssCall::PreCommitSnapshots: return "PreCommitSnapshots";
    case VssCall::CommitSnapshots: return "CommitSnapshots";
    case VssCall::PostCommitSnapshots: return "PostCommitSnapshots";
    case VssCall::PreFinalCommitSnapshots: return "PreFinalCommitSnapshots";
    case VssCall::PostFinalCommitSnapshots: return "PostFinalCommitSnapshots";
    case VssCall::AbortSnapshots: return "AbortSnapshots";
    case VssCall::GetTargetLuns: return "GetTargetLuns";
    case VssCall::LocateLuns: return "LocateLuns";
    case VssCall::OnLunEmpty: return "OnLunEmpty";
    case VssCall::OnLunStateChange: return "OnLunStateChange";
    case VssCall::ResyncLuns: return "ResyncLuns";
    case VssCall::GetResyncStatus: return "GetResyncStatus";
    }
    return "?";
}

Deadline call_deadline(VssCall call) {
    switch (call) {
    case VssCall::PreCommitSnapshots: return 5s;
    case VssCall::CommitSnapshots: return 4s;
    case VssCall::PostCommitSnapshots: return 5s;
    case VssCall::AreLunsSupported:
    case VssCall::FillInLunInfo:
    case VssCall::GetResyncStatus:
    case VssCall::PreFinalCommitSnapshots:
    case VssCall::PostFinalCommitSnapshots: return 30s;
    case VssCall::BeginPrepareSnapshot:
    case VssCall::GetTargetLuns:
    case VssCall::AbortSnapshots:
    case VssCall::OnLunStateChange:
    case VssCall::ResyncLuns: return 60s;  // ResyncLuns only starts the copy; IVssAsync reports the end
    case VssCall::LocateLuns:
    case VssCall::OnLunEmpty: return 120s;
    case VssCall::EndPrepareSnapshots: return 600s;  // the rendezvous: waits for resyncs started in BeginPrepare
    }
    return 30s;
}

bool is_create_path(VssCall call) {
    switch (call) {
    case VssCall::AreLunsSupported:
    case VssCall::BeginPrepareSnapshot:
    case VssCall::EndPrepareSnapshots:
    case VssCall::PreCommitSnapshots:
    case VssCall::CommitSnapshots:
    case VssCall::PostCommitSnapshots:
    case VssCall::PreFinalCommitSnapshots:
    case VssCall::PostFinalCommitSnapshots:
    case VssCall::GetTargetLuns: return true;
    default: return false;
    }
}

bool is_legal_hresult(VssCall call, int32_t result) {
    switch (result) {
    case hr::S_OK_:
    case hr::E_OUTOFMEMORY_:
    case hr::E_INVALIDARG_:
    case hr::E_ACCESSDENIED_:
    case hr::VSS_E_PROVIDER_VETO_:
    case hr::VSS_E_BAD_STATE_:
    case hr::VSS_E_OBJECT_NOT_FOUND_:
    case hr::VSS_E_INSUFFICIENT_STORAGE_:
    case hr::VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER_:
    case hr::VSS_E_MAXIMUM_NUMBER_OF_SNAPSHOTS_REACHED_: return true;
    case hr::VSS_E_UNSUPPORTED_CONTEXT_:
    case hr::VSS_E_MAXIMUM_NUMBER_OF_VOLUMES_REACHED_:
    case hr::VSS_E_NESTED_VOLUME_LIMIT_: return call == VssCall::BeginPrepareSnapshot;
    default: return false;
    }
}

Decision decide(VssCall call, const Reply& reply, const std::string& address, const std::string& token_file) {
    Decision d;
    if (reply.reached && !reply.unauthenticated && is_legal_hresult(call, reply.hresult)) {
        d.hresult = reply.hresult;  // the control plane chose it and wrote its own event if any
        d.supported = reply.supported;
        return d;
    }
    char text[768];
    if (reply.reached && reply.event_reported && !reply.unauthenticated) {
        // A ProviderFault with an HRESULT VSS does not take from this call: veto, but the control
        // plane has already written the fault's event; a second one would double-report it.
        d.hresult = call == VssCall::AreLunsSupported ? hr::S_OK_ : hr::VSS_E_PROVIDER_VETO_;
        return d;
    }
    if (reply.unauthenticated) {
        d.event_tag = "EV_ERPERM";
        std::snprintf(text, sizeof text,
                      "[EV_ERPERM] Permission denied with the VSS hardware provider: the RM control plane at %s refused "
                      "this provider's token during %s (%s). Check that the token file %s holds the control plane's "
                      "current token.",
                      address.c_str(), call_name(call), reply.detail.c_str(),
                      token_file.empty() ? "(none configured)" : token_file.c_str());
    } else if (reply.reached) {
        d.event_tag = "EV_EXCEPT";
        std::snprintf(text, sizeof text,
                      "[EV_EXCEPT] An exception occurred: the control plane at %s answered %s with 0x%08X, "
                      "which VSS does not accept (%s). Check the control plane's log.",
                      address.c_str(), call_name(call), static_cast<unsigned>(reply.hresult), reply.detail.c_str());
    } else {
        d.event_tag = "EV_ATTHOR";
        std::snprintf(text, sizeof text,
                      "[EV_ATTHOR] Can't attach to the RM control plane at %s during %s (%s). "
                      "Verify whether the control plane service and its HORCM daemons are working.",
                      address.c_str(), call_name(call), reply.detail.c_str());
    }
    d.event_text = text;
    // AreLunsSupported is a question: "no" lets VSS fall back to another provider; the event
    // still tells the admin why this one declined.
    d.hresult = call == VssCall::AreLunsSupported ? hr::S_OK_ : hr::VSS_E_PROVIDER_VETO_;
    d.supported = false;
    return d;
}

}  // namespace rmvss::native
