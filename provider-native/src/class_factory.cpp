#include "class_factory.h"

#include "account_check.h"
#include "event_log.h"
#include "provider.h"
#include "control_plane_factory.h"

#include <mutex>
#include <new>

namespace rmvss::native {

LONG server_locks = 0;

namespace {

// One control plane client per process, shared by every provider object.
std::shared_ptr<ControlPlane> control_plane_for(const ProviderConfig& config) {
    static std::mutex mutex;
    static std::shared_ptr<ControlPlane> shared;
    std::lock_guard<std::mutex> lock(mutex);
    if (!shared) shared = make_control_plane(config);
    return shared;
}

class ClassFactory final : public IClassFactory {
public:
    STDMETHODIMP QueryInterface(REFIID iid, void** object) override {
        if (!object) return E_POINTER;
        if (iid == IID_IUnknown || iid == IID_IClassFactory) {
            *object = static_cast<IClassFactory*>(this);
            AddRef();
            return S_OK;
        }
        *object = nullptr;
        return E_NOINTERFACE;
    }
    // A single static instance: its lifetime is the DLL's, LockServer pins the DLL.
    STDMETHODIMP_(ULONG) AddRef() override { return 2; }
    STDMETHODIMP_(ULONG) Release() override { return 1; }

    STDMETHODIMP CreateInstance(IUnknown* outer, REFIID iid, void** object) override {
        if (!object) return E_POINTER;
        *object = nullptr;
        if (outer) return CLASS_E_NOAGGREGATION;
        try {
            ProviderConfig config = ProviderConfig::load();
            if (!running_as_local_system(config)) {
                write_event(config, Event{event_id("EV_ERPERM"), "EV_ERPERM",
                                          "[EV_ERPERM] Permission denied with the VSS hardware provider. "
                                          "Confirm the RM Shadow Copy Provider start up account (it must be Local System)."});
                return E_ACCESSDENIED;
            }
            Provider* provider = new Provider(control_plane_for(config), config);
            HRESULT hr = provider->QueryInterface(iid, object);
            provider->Release();
            return hr;
        } catch (const std::bad_alloc&) {
            return E_OUTOFMEMORY;
        } catch (...) {
            return E_UNEXPECTED;
        }
    }
    STDMETHODIMP LockServer(BOOL lock) override {
        if (lock)
            InterlockedIncrement(&server_locks);
        else
            InterlockedDecrement(&server_locks);
        return S_OK;
    }
};

ClassFactory factory;

}  // namespace

HRESULT get_class_factory(REFIID iid, void** object) { return factory.QueryInterface(iid, object); }

}  // namespace rmvss::native
