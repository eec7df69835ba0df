// The provider object VSS creates: the four provider interfaces, each call forwarded to the
// ControlPlane under a deadline, its HRESULT checked against what VSS accepts, and an event
// written by the DLL itself when the control plane cannot be reached.
#pragma once

#include "call_policy.h"
#include "event_journal.h"
#include "provider_config.h"
#include "rmvss/native/control_plane.h"

#include <windows.h>
#include <vss.h>
#include <vsprov.h>

#include <atomic>
#include <functional>
#include <memory>

namespace rmvss::native {

extern std::atomic<long> live_objects;  // provider objects, factories and async objects; DllCanUnloadNow

class Provider final : public IVssHardwareSnapshotProviderEx,
                       public IVssProviderCreateSnapshotSet,
                       public IVssProviderNotifications {
public:
    Provider(std::shared_ptr<ControlPlane> control_plane, ProviderConfig config);

    // IUnknown
    STDMETHODIMP QueryInterface(REFIID iid, void** object) override;
    STDMETHODIMP_(ULONG) AddRef() override;
    STDMETHODIMP_(ULONG) Release() override;

    // IVssHardwareSnapshotProvider
    STDMETHODIMP AreLunsSupported(LONG lun_count, LONG context, VSS_PWSZ* devices, VDS_LUN_INFORMATION* luns,
                                  BOOL* supported) override;
    STDMETHODIMP FillInLunInfo(VSS_PWSZ device, VDS_LUN_INFORMATION* lun, BOOL* supported) override;
    STDMETHODIMP BeginPrepareSnapshot(VSS_ID set_id, VSS_ID snapshot_id, LONG context, LONG lun_count,
                                      VSS_PWSZ* devices, VDS_LUN_INFORMATION* luns) override;
    STDMETHODIMP GetTargetLuns(LONG lun_count, VSS_PWSZ* devices, VDS_LUN_INFORMATION* sources,
                               VDS_LUN_INFORMATION* destinations) override;
    STDMETHODIMP LocateLuns(LONG lun_count, VDS_LUN_INFORMATION* sources) override;
    STDMETHODIMP OnLunEmpty(VSS_PWSZ device, VDS_LUN_INFORMATION* lun) override;

    // IVssHardwareSnapshotProviderEx
    STDMETHODIMP GetProviderCapabilities(ULONGLONG* capabilities) override;
    STDMETHODIMP OnLunStateChange(VDS_LUN_INFORMATION* snapshot_luns, VDS_LUN_INFORMATION* original_luns,
                                  DWORD count, DWORD flags) override;
    STDMETHODIMP ResyncLuns(VDS_LUN_INFORMATION* sources, VDS_LUN_INFORMATION* targets, DWORD count,
                            IVssAsync** async) override;
    STDMETHODIMP OnReuseLuns(VDS_LUN_INFORMATION* snapshot_luns, VDS_LUN_INFORMATION* original_luns,
                             DWORD count) override;

    // IVssProviderCreateSnapshotSet
    STDMETHODIMP EndPrepareSnapshots(VSS_ID set_id) override;
    STDMETHODIMP PreCommitSnapshots(VSS_ID set_id) override;
    STDMETHODIMP CommitSnapshots(VSS_ID set_id) override;
    STDMETHODIMP PostCommitSnapshots(VSS_ID set_id, LONG snapshot_count) override;
    STDMETHODIMP PreFinalCommitSnapshots(VSS_ID set_id) override;
    STDMETHODIMP PostFinalCommitSnapshots(VSS_ID set_id) override;
    STDMETHODIMP AbortSnapshots(VSS_ID set_id) override;

    // IVssProviderNotifications
    STDMETHODIMP OnLoad(IUnknown* callback) override;
    STDMETHODIMP OnUnload(BOOL force) override;

private:
    ~Provider();

    struct Outcome {
        Decision decision;
        Reply reply;
    };
    // Forwards one call: deadline, HRESULT check, event (queued while frozen).
    Outcome forward(VssCall call, std::function<Reply(ControlPlane&, Deadline)> request);
    // Runs a method body so that no C++ exception ever crosses the COM boundary.
    HRESULT guarded(VssCall call, const std::function<HRESULT()>& body);
    // The control plane answered with data that does not fit the call: event, then veto.
    HRESULT reject_reply(VssCall call, const std::string& why);
    void report(const std::string& tag, const std::string& text);

    std::atomic<ULONG> references_{1};
    std::shared_ptr<ControlPlane> control_plane_;
    ProviderConfig config_;
    EventJournal journal_;
};

}  // namespace rmvss::native
