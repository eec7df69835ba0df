#include "provider.h"

#include "deadline_call.h"
#include "event_log.h"
#include "lun_marshal.h"

#include <vsserror.h>

#include <new>

namespace rmvss::native {

std::atomic<long> live_objects{0};

static_assert(hr::VSS_E_PROVIDER_VETO_ == VSS_E_PROVIDER_VETO, "HRESULT table");
static_assert(hr::VSS_E_MAXIMUM_NUMBER_OF_SNAPSHOTS_REACHED_ == VSS_E_MAXIMUM_NUMBER_OF_SNAPSHOTS_REACHED, "HRESULT table");
static_assert(hr::VSS_E_NESTED_VOLUME_LIMIT_ == VSS_E_NESTED_VOLUME_LIMIT, "HRESULT table");
static_assert(hr::VSS_E_UNSUPPORTED_CONTEXT_ == VSS_E_UNSUPPORTED_CONTEXT, "HRESULT table");
static_assert(hr::VSS_E_INSUFFICIENT_STORAGE_ == VSS_E_INSUFFICIENT_STORAGE, "HRESULT table");

namespace {

// IUnknown of the IVssAsync objects ResyncLuns hands back; each counts as a live object of the DLL.
class AsyncBase : public IVssAsync {
public:
    AsyncBase() { live_objects++; }
    STDMETHODIMP QueryInterface(REFIID iid, void** object) override {
        if (!object) return E_POINTER;
        if (iid == IID_IUnknown || iid == IID_IVssAsync) {
            *object = static_cast<IVssAsync*>(this);
            AddRef();
            return S_OK;
        }
        *object = nullptr;
        return E_NOINTERFACE;
    }
    STDMETHODIMP_(ULONG) AddRef() override { return ++references_; }
    STDMETHODIMP_(ULONG) Release() override {
        ULONG left = --references_;
        if (left == 0) delete this;
        return left;
    }

protected:
    virtual ~AsyncBase() { live_objects--; }

private:
    std::atomic<ULONG> references_{1};
};

// What ResyncLuns hands back: the control plane has accepted (or refused) the resync by the time
// the call returns, so the async object is already complete.
class CompletedAsync final : public AsyncBase {
public:
    explicit CompletedAsync(HRESULT result) : result_(result) {}
    STDMETHODIMP Cancel() override { return VSS_S_ASYNC_FINISHED; }
    STDMETHODIMP Wait(DWORD) override { return S_OK; }
    STDMETHODIMP QueryStatus(HRESULT* result, INT*) override {
        if (!result) return E_POINTER;
        *result = SUCCEEDED(result_) ? VSS_S_ASYNC_FINISHED : result_;
        return S_OK;
    }

private:
    HRESULT result_;
};

// What ResyncLuns hands back when the control plane started a restore (pairresync -restore) and
// named the operation: QueryStatus asks GetResyncStatus once, Wait polls it every 500 ms until
// done or the wait times out. A control plane that cannot be reached while polling ends the
// operation as a veto with [EV_ATTHOR] (written once); the restore itself goes on in the array.
class PollingAsync final : public AsyncBase {
public:
    PollingAsync(std::shared_ptr<ControlPlane> plane, ProviderConfig config, std::string operation)
        : plane_(std::move(plane)), config_(std::move(config)), operation_(std::move(operation)) {}
    STDMETHODIMP Cancel() override {  // a restore in the array cannot be taken back
        poll();
        return finished_ ? VSS_S_ASYNC_FINISHED : VSS_E_BAD_STATE;
    }
    STDMETHODIMP Wait(DWORD milliseconds) override {
        DWORD start = GetTickCount();
        for (;;) {
            poll();
            if (finished_) return S_OK;
            if (milliseconds != INFINITE && GetTickCount() - start >= milliseconds) return S_OK;
            Sleep(500);
        }
    }
    STDMETHODIMP QueryStatus(HRESULT* result, INT* reserved) override {
        if (!result) return E_POINTER;
        if (reserved) *reserved = 0;
        poll();
        *result = !finished_ ? VSS_S_ASYNC_PENDING : SUCCEEDED(result_) ? VSS_S_ASYNC_FINISHED : result_;
        return S_OK;
    }

private:
    void poll() {
        if (finished_) return;
        try {
            Deadline deadline = call_deadline(VssCall::GetResyncStatus);
            std::shared_ptr<ControlPlane> plane = plane_;
            std::string operation = operation_;
            Reply reply = call_with_deadline(deadline, [plane, operation, deadline] {
                return plane->GetResyncStatus(operation, deadline);
            });
            if (reply.reached && reply.hresult == S_OK && !reply.unauthenticated) {
                if (!reply.done) return;
                finished_ = true;
                result_ = is_legal_hresult(VssCall::ResyncLuns, reply.operation_hresult) ? reply.operation_hresult
                                                                                         : VSS_E_PROVIDER_VETO;
                return;
            }
            Decision d = decide(VssCall::GetResyncStatus, reply, config_.control_plane_address, config_.token_file);
            finished_ = true;
            result_ = FAILED(d.hresult) ? d.hresult : VSS_E_PROVIDER_VETO;
            if (!d.event_tag.empty()) write_event(config_, Event{event_id(d.event_tag), d.event_tag, d.event_text});
        } catch (...) {
            finished_ = true;
            result_ = VSS_E_PROVIDER_VETO;
        }
    }
    std::shared_ptr<ControlPlane> plane_;
    ProviderConfig config_;
    std::string operation_;
    bool finished_ = false;
    HRESULT result_ = S_OK;
};

}  // namespace

Provider::Provider(std::shared_ptr<ControlPlane> control_plane, ProviderConfig config)
    : control_plane_(std::move(control_plane)),
      config_(std::move(config)),
      journal_([cfg = config_](const Event& e) { write_event(cfg, e); }) {
    live_objects++;
}

Provider::~Provider() {
    journal_.end_freeze();  // the coordinator is gone; whatever was queued can be written now
    journal_.flush();
    live_objects--;
}

STDMETHODIMP Provider::QueryInterface(REFIID iid, void** object) {
    if (!object) return E_POINTER;
    if (iid == IID_IUnknown || iid == IID_IVssHardwareSnapshotProvider || iid == IID_IVssHardwareSnapshotProviderEx)
        *object = static_cast<IVssHardwareSnapshotProviderEx*>(this);
    else if (iid == IID_IVssProviderCreateSnapshotSet)
        *object = static_cast<IVssProviderCreateSnapshotSet*>(this);
    else if (iid == IID_IVssProviderNotifications)
        *object = static_cast<IVssProviderNotifications*>(this);
    else {
        *object = nullptr;
        return E_NOINTERFACE;
    }
    AddRef();
    return S_OK;
}

STDMETHODIMP_(ULONG) Provider::AddRef() { return ++references_; }

STDMETHODIMP_(ULONG) Provider::Release() {
    ULONG left = --references_;
    if (left == 0) delete this;
    return left;
}

void Provider::report(const std::string& tag, const std::string& text) {
    journal_.report(Event{event_id(tag), tag, text});
}

Provider::Outcome Provider::forward(VssCall call, std::function<Reply(ControlPlane&, Deadline)> request) {
    journal_.flush();  // events queued during the last freeze (no-op while frozen)
    Deadline deadline = call_deadline(call);
    std::shared_ptr<ControlPlane> plane = control_plane_;
    Reply reply = call_with_deadline(deadline, [plane, request = std::move(request), deadline] {
        return request(*plane, deadline);
    });
    Decision decision = decide(call, reply, config_.control_plane_address, config_.token_file);
    if (!decision.event_tag.empty()) report(decision.event_tag, decision.event_text);
    return {decision, reply};
}

HRESULT Provider::guarded(VssCall call, const std::function<HRESULT()>& body) {
    try {
        return body();
    } catch (const std::bad_alloc&) {
        return E_OUTOFMEMORY;
    } catch (...) {
        try {
            report("EV_EXCEPT", std::string("[EV_EXCEPT] An exception occurred in ") + call_name(call) + ".");
        } catch (...) {
        }
        return VSS_E_PROVIDER_VETO;
    }
}

HRESULT Provider::reject_reply(VssCall call, const std::string& why) {
    report("EV_EXCEPT", std::string("[EV_EXCEPT] An exception occurred: the control plane's answer to ") +
                            call_name(call) + " does not fit the call (" + why + ").");
    return VSS_E_PROVIDER_VETO;
}

// ---- IVssHardwareSnapshotProvider ----

STDMETHODIMP Provider::AreLunsSupported(LONG lun_count, LONG context, VSS_PWSZ* devices, VDS_LUN_INFORMATION* luns,
                                        BOOL* supported) {
    if (!supported || lun_count < 0 || (lun_count > 0 && (!luns || !devices))) return E_INVALIDARG;
    *supported = FALSE;
    return guarded(VssCall::AreLunsSupported, [&]() -> HRESULT {
        auto in = device_luns_from(devices, luns, lun_count);
        Outcome out = forward(VssCall::AreLunsSupported, [in, context](ControlPlane& cp, Deadline d) {
            return cp.AreLunsSupported(context, in, d);
        });
        if (out.decision.hresult != S_OK || !out.decision.supported) return out.decision.hresult;
        const auto& updated = out.reply.luns;
        if (!updated.empty() && updated.size() != static_cast<size_t>(lun_count)) {
            reject_reply(VssCall::AreLunsSupported, "LUN count differs");
            return S_OK;  // a question: answer "not supported" rather than fail the requester
        }
        for (size_t i = 0; i < updated.size(); ++i) {
            HRESULT hr = replace_lun_keeping_interconnects(luns[i], updated[i]);
            if (FAILED(hr)) return hr;
        }
        *supported = TRUE;
        return S_OK;
    });
}

STDMETHODIMP Provider::FillInLunInfo(VSS_PWSZ device, VDS_LUN_INFORMATION* lun, BOOL* supported) {
    if (!lun || !supported) return E_INVALIDARG;
    *supported = FALSE;
    return guarded(VssCall::FillInLunInfo, [&]() -> HRESULT {
        DeviceLun in{utf8_from(device), lun_from(*lun)};
        Outcome out = forward(VssCall::FillInLunInfo, [in](ControlPlane& cp, Deadline d) { return cp.FillInLunInfo(in, d); });
        if (out.decision.hresult != S_OK) return out.decision.hresult;
        if (out.reply.luns.size() > 1) return reject_reply(VssCall::FillInLunInfo, "more than one LUN");
        if (out.decision.supported && out.reply.luns.size() == 1) {
            HRESULT hr = replace_lun(*lun, out.reply.luns[0]);
            if (FAILED(hr)) return hr;
        }
        *supported = out.decision.supported ? TRUE : FALSE;
        return S_OK;
    });
}

STDMETHODIMP Provider::BeginPrepareSnapshot(VSS_ID set_id, VSS_ID snapshot_id, LONG context, LONG lun_count,
                                            VSS_PWSZ* devices, VDS_LUN_INFORMATION* luns) {
    if (lun_count <= 0 || !luns || !devices) return E_INVALIDARG;
    return guarded(VssCall::BeginPrepareSnapshot, [&]() -> HRESULT {
        auto in = device_luns_from(devices, luns, lun_count);
        Uuid set = uuid_from(set_id), snapshot = uuid_from(snapshot_id);
        return forward(VssCall::BeginPrepareSnapshot, [=](ControlPlane& cp, Deadline d) {
                   return cp.BeginPrepareSnapshot(set, snapshot, context, in, d);
               }).decision.hresult;
    });
}

STDMETHODIMP Provider::GetTargetLuns(LONG lun_count, VSS_PWSZ* devices, VDS_LUN_INFORMATION* sources,
                                     VDS_LUN_INFORMATION* destinations) {
    if (lun_count <= 0 || !sources || !destinations || !devices) return E_INVALIDARG;
    return guarded(VssCall::GetTargetLuns, [&]() -> HRESULT {
        auto in = device_luns_from(devices, sources, lun_count);
        Outcome out = forward(VssCall::GetTargetLuns, [in](ControlPlane& cp, Deadline d) { return cp.GetTargetLuns(in, d); });
        if (out.decision.hresult != S_OK) return out.decision.hresult;
        if (out.reply.luns.size() != static_cast<size_t>(lun_count))
            return reject_reply(VssCall::GetTargetLuns, "expected one target per source LUN");
        for (LONG i = 0; i < lun_count; ++i) {
            HRESULT hr = replace_lun(destinations[i], out.reply.luns[i]);
            if (FAILED(hr)) return hr;
        }
        return S_OK;
    });
}

STDMETHODIMP Provider::LocateLuns(LONG lun_count, VDS_LUN_INFORMATION* sources) {
    if (lun_count <= 0 || !sources) return E_INVALIDARG;
    return guarded(VssCall::LocateLuns, [&]() -> HRESULT {
        auto in = luns_from(sources, lun_count);
        return forward(VssCall::LocateLuns, [in](ControlPlane& cp, Deadline d) { return cp.LocateLuns(in, d); })
            .decision.hresult;
    });
}

STDMETHODIMP Provider::OnLunEmpty(VSS_PWSZ device, VDS_LUN_INFORMATION* lun) {
    if (!lun) return E_INVALIDARG;
    return guarded(VssCall::OnLunEmpty, [&]() -> HRESULT {
        DeviceLun in{utf8_from(device), lun_from(*lun)};
        return forward(VssCall::OnLunEmpty, [in](ControlPlane& cp, Deadline d) { return cp.OnLunEmpty(in, d); })
            .decision.hresult;
    });
}

// ---- IVssHardwareSnapshotProviderEx ----

STDMETHODIMP Provider::GetProviderCapabilities(ULONGLONG*) { return E_NOTIMPL; }  // reserved by VSS

STDMETHODIMP Provider::OnLunStateChange(VDS_LUN_INFORMATION* snapshot_luns, VDS_LUN_INFORMATION* original_luns,
                                        DWORD count, DWORD flags) {
    if (count == 0 || !snapshot_luns || !original_luns) return E_INVALIDARG;
    return guarded(VssCall::OnLunStateChange, [&]() -> HRESULT {
        auto snapshots = luns_from(snapshot_luns, count), originals = luns_from(original_luns, count);
        return forward(VssCall::OnLunStateChange, [=](ControlPlane& cp, Deadline d) {
                   return cp.OnLunStateChange(snapshots, originals, flags, d);
               }).decision.hresult;
    });
}

STDMETHODIMP Provider::ResyncLuns(VDS_LUN_INFORMATION* sources, VDS_LUN_INFORMATION* targets, DWORD count,
                                  IVssAsync** async) {
    if (!async) return E_INVALIDARG;
    *async = nullptr;
    if (count == 0 || !sources || !targets) return E_INVALIDARG;
    return guarded(VssCall::ResyncLuns, [&]() -> HRESULT {
        auto from = luns_from(sources, count), to = luns_from(targets, count);
        Outcome out = forward(VssCall::ResyncLuns, [=](ControlPlane& cp, Deadline d) { return cp.ResyncLuns(from, to, d); });
        HRESULT hr = out.decision.hresult;
        if (FAILED(hr)) return hr;
        if (out.reply.operation_id.empty())
            *async = new (std::nothrow) CompletedAsync(hr);
        else
            *async = new (std::nothrow) PollingAsync(control_plane_, config_, out.reply.operation_id);
        return *async ? S_OK : E_OUTOFMEMORY;
    });
}

STDMETHODIMP Provider::OnReuseLuns(VDS_LUN_INFORMATION*, VDS_LUN_INFORMATION*, DWORD) { return E_NOTIMPL; }  // reserved

// ---- IVssProviderCreateSnapshotSet ----

STDMETHODIMP Provider::EndPrepareSnapshots(VSS_ID set_id) {
    Uuid set = uuid_from(set_id);
    return guarded(VssCall::EndPrepareSnapshots, [&] {
        return forward(VssCall::EndPrepareSnapshots, [set](ControlPlane& cp, Deadline d) {
                   return cp.EndPrepareSnapshots(set, d);
               }).decision.hresult;
    });
}

STDMETHODIMP Provider::PreCommitSnapshots(VSS_ID set_id) {
    journal_.begin_freeze();  // writers are frozen from here until PostCommitSnapshots returns
    Uuid set = uuid_from(set_id);
    return guarded(VssCall::PreCommitSnapshots, [&] {
        return forward(VssCall::PreCommitSnapshots, [set](ControlPlane& cp, Deadline d) {
                   return cp.PreCommitSnapshots(set, d);
               }).decision.hresult;
    });
}

STDMETHODIMP Provider::CommitSnapshots(VSS_ID set_id) {
    Uuid set = uuid_from(set_id);
    return guarded(VssCall::CommitSnapshots, [&] {
        return forward(VssCall::CommitSnapshots, [set](ControlPlane& cp, Deadline d) {
                   return cp.CommitSnapshots(set, d);
               }).decision.hresult;
    });
}

STDMETHODIMP Provider::PostCommitSnapshots(VSS_ID set_id, LONG snapshot_count) {
    Uuid set = uuid_from(set_id);
    HRESULT hr = guarded(VssCall::PostCommitSnapshots, [&] {
        return forward(VssCall::PostCommitSnapshots, [set, snapshot_count](ControlPlane& cp, Deadline d) {
                   return cp.PostCommitSnapshots(set, snapshot_count, d);
               }).decision.hresult;
    });
    journal_.end_freeze();  // queued events go out with the next call, after the writers thaw
    return hr;
}

STDMETHODIMP Provider::PreFinalCommitSnapshots(VSS_ID set_id) {
    Uuid set = uuid_from(set_id);
    return guarded(VssCall::PreFinalCommitSnapshots, [&] {
        return forward(VssCall::PreFinalCommitSnapshots, [set](ControlPlane& cp, Deadline d) {
                   return cp.PreFinalCommitSnapshots(set, d);
               }).decision.hresult;
    });
}

STDMETHODIMP Provider::PostFinalCommitSnapshots(VSS_ID set_id) {
    Uuid set = uuid_from(set_id);
    return guarded(VssCall::PostFinalCommitSnapshots, [&] {
        return forward(VssCall::PostFinalCommitSnapshots, [set](ControlPlane& cp, Deadline d) {
                   return cp.PostFinalCommitSnapshots(set, d);
               }).decision.hresult;
    });
}

STDMETHODIMP Provider::AbortSnapshots(VSS_ID set_id) {
    journal_.end_freeze();  // an abort ends any freeze
    Uuid set = uuid_from(set_id);
    return guarded(VssCall::AbortSnapshots, [&] {
        return forward(VssCall::AbortSnapshots, [set](ControlPlane& cp, Deadline d) {
                   return cp.AbortSnapshots(set, d);
               }).decision.hresult;
    });
}

// ---- IVssProviderNotifications ----

// Loading needs nothing from the control plane: a provider that cannot load would hide the real
// problem, which the first call reports with an event instead.
STDMETHODIMP Provider::OnLoad(IUnknown*) { return S_OK; }

STDMETHODIMP Provider::OnUnload(BOOL) {
    journal_.end_freeze();
    try {
        journal_.flush();
    } catch (...) {
    }
    return S_OK;
}

}  // namespace rmvss::native
