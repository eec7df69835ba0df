// vsscoord-admin.dll: the harness's stand-in for the VSS coordinator's administration interface.
// Registers CLSID_VSSCoordinator (in-proc, which is enough under Wine) and implements IVssAdmin's
// RegisterProvider, UnregisterProvider and QueryProviders on the registry layout Windows uses.
// Registering it also seeds the entry every Windows has: the Microsoft software provider.
#include "provider_registry.h"

#include <objbase.h>
#include <vsadmin.h>
#include <vsserror.h>

#include <atomic>
#include <new>
#include <vector>

using namespace vsscoord;

namespace {

HMODULE this_module = nullptr;
std::atomic<long> live_objects{0};

wchar_t* co_copy(const std::wstring& s) {
    auto* p = static_cast<wchar_t*>(CoTaskMemAlloc((s.size() + 1) * sizeof(wchar_t)));
    if (p) memcpy(p, s.c_str(), (s.size() + 1) * sizeof(wchar_t));
    return p;
}

// IUnknown of a COM object with one interface, counted as a live object of this DLL while it exists.
template <class Interface, const IID* InterfaceId>
class LiveObject : public Interface {
public:
    LiveObject() { live_objects++; }
    STDMETHODIMP QueryInterface(REFIID iid, void** out) override {
        if (!out) return E_POINTER;
        if (iid == IID_IUnknown || iid == *InterfaceId) {
            *out = static_cast<Interface*>(this);
            this->AddRef();
            return S_OK;
        }
        *out = nullptr;
        return E_NOINTERFACE;
    }
    STDMETHODIMP_(ULONG) AddRef() override { return ++refs_; }
    STDMETHODIMP_(ULONG) Release() override {
        ULONG left = --refs_;
        if (!left) delete this;
        return left;
    }

protected:
    virtual ~LiveObject() { live_objects--; }

private:
    std::atomic<ULONG> refs_{1};
};

class ProviderEnum final : public LiveObject<IVssEnumObject, &IID_IVssEnumObject> {
public:
    explicit ProviderEnum(std::vector<ProviderEntry> entries) : entries_(std::move(entries)) {}
    // The caller frees each name and version with CoTaskMemFree.
    STDMETHODIMP Next(ULONG count, VSS_OBJECT_PROP* out, ULONG* fetched) override {
        if (!out) return E_POINTER;
        ULONG n = 0;
        for (; n < count && next_ < entries_.size(); ++n, ++next_) {
            const ProviderEntry& e = entries_[next_];
            VSS_OBJECT_PROP& p = out[n];
            p = {};
            p.Type = VSS_OBJECT_PROVIDER;
            p.Obj.Prov.m_ProviderId = e.id;
            p.Obj.Prov.m_pwszProviderName = co_copy(e.name);
            p.Obj.Prov.m_eProviderType = e.type;
            p.Obj.Prov.m_pwszProviderVersion = co_copy(e.version);
            p.Obj.Prov.m_ProviderVersionId = e.version_id;
            p.Obj.Prov.m_ClassId = e.clsid;
        }
        if (fetched) *fetched = n;
        return n == count ? S_OK : S_FALSE;
    }
    STDMETHODIMP Skip(ULONG count) override {
        next_ = next_ + count > entries_.size() ? entries_.size() : next_ + count;
        return S_OK;
    }
    STDMETHODIMP Reset() override {
        next_ = 0;
        return S_OK;
    }
    STDMETHODIMP Clone(IVssEnumObject** out) override {
        if (!out) return E_POINTER;
        auto* copy = new (std::nothrow) ProviderEnum(entries_);
        if (!copy) return E_OUTOFMEMORY;
        copy->next_ = next_;
        *out = copy;
        return S_OK;
    }

private:
    std::vector<ProviderEntry> entries_;
    size_t next_ = 0;
};

class Coordinator final : public LiveObject<IVssAdmin, &IID_IVssAdmin> {
public:
    STDMETHODIMP RegisterProvider(VSS_ID id, CLSID clsid, VSS_PWSZ name, VSS_PROVIDER_TYPE type, VSS_PWSZ version,
                                  VSS_ID version_id) override {
        if (!name || !version || (type != VSS_PROV_HARDWARE && type != VSS_PROV_SOFTWARE && type != VSS_PROV_SYSTEM &&
                                  type != VSS_PROV_FILESHARE))
            return E_INVALIDARG;
        return add_provider({id, name, type, version, version_id, clsid});
    }
    STDMETHODIMP UnregisterProvider(VSS_ID id) override { return remove_provider(id); }
    STDMETHODIMP QueryProviders(IVssEnumObject** out) override {
        if (!out) return E_INVALIDARG;
        *out = new (std::nothrow) ProviderEnum(list_providers());
        return *out ? S_OK : E_OUTOFMEMORY;
    }
    STDMETHODIMP AbortAllSnapshotsInProgress() override { return S_OK; }
};

class Factory final : public IClassFactory {
public:
    STDMETHODIMP QueryInterface(REFIID iid, void** out) override {
        if (!out) return E_POINTER;
        if (iid == IID_IUnknown || iid == IID_IClassFactory) {
            *out = this;
            return S_OK;
        }
        *out = nullptr;
        return E_NOINTERFACE;
    }
    STDMETHODIMP_(ULONG) AddRef() override { return 2; }
    STDMETHODIMP_(ULONG) Release() override { return 1; }
    STDMETHODIMP CreateInstance(IUnknown* outer, REFIID iid, void** out) override {
        if (!out) return E_POINTER;
        *out = nullptr;
        if (outer) return CLASS_E_NOAGGREGATION;
        auto* c = new (std::nothrow) Coordinator();
        if (!c) return E_OUTOFMEMORY;
        HRESULT hr = c->QueryInterface(iid, out);
        c->Release();
        return hr;
    }
    STDMETHODIMP LockServer(BOOL) override { return S_OK; }
} factory;

const std::wstring kCoordinatorKey = L"SOFTWARE\\Classes\\CLSID\\" + guid_text(CLSID_VSSCoordinator);

HRESULT set_text(const std::wstring& path, const wchar_t* name, const std::wstring& value) {
    LSTATUS s = RegSetKeyValueW(HKEY_LOCAL_MACHINE, path.c_str(), name, REG_SZ, value.c_str(),
                                static_cast<DWORD>((value.size() + 1) * sizeof(wchar_t)));
    return HRESULT_FROM_WIN32(s);
}

}  // namespace

extern "C" BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID) {
    if (reason == DLL_PROCESS_ATTACH) this_module = instance;
    return TRUE;
}

STDAPI DllGetClassObject(REFCLSID clsid, REFIID iid, LPVOID* out) {
    if (!out) return E_POINTER;
    *out = nullptr;
    if (clsid != CLSID_VSSCoordinator) return CLASS_E_CLASSNOTAVAILABLE;
    return factory.QueryInterface(iid, out);
}

STDAPI DllCanUnloadNow() { return live_objects == 0 ? S_OK : S_FALSE; }

STDAPI DllRegisterServer() {
    wchar_t path[MAX_PATH];
    DWORD n = GetModuleFileNameW(this_module, path, MAX_PATH);
    if (n == 0 || n >= MAX_PATH) return E_FAIL;
    HRESULT hr = set_text(kCoordinatorKey, nullptr, L"Volume Shadow Copy Service (rmvss test coordinator)");
    if (SUCCEEDED(hr)) hr = set_text(kCoordinatorKey + L"\\InprocServer32", nullptr, path);
    if (SUCCEEDED(hr)) hr = set_text(kCoordinatorKey + L"\\InprocServer32", L"ThreadingModel", L"Both");
    if (FAILED(hr)) return hr;
    // Every Windows Server has this one (vssadmin list providers shows it after ours).
    ProviderEntry microsoft;
    parse_guid(L"{b5946137-7b9f-4925-af80-51abd60b20d5}", microsoft.id);
    microsoft.name = L"Microsoft Software Shadow Copy provider 1.0";
    microsoft.type = VSS_PROV_SYSTEM;
    microsoft.version = L"1.0.0.7";
    parse_guid(L"{00000001-0000-0000-0007-000000000001}", microsoft.version_id);
    parse_guid(L"{65ee1dba-8ff4-4a58-ac1c-3470ee2f376a}", microsoft.clsid);
    hr = add_provider(microsoft);
    return hr == VSS_E_PROVIDER_ALREADY_REGISTERED ? S_OK : hr;
}

STDAPI DllUnregisterServer() {
    RegDeleteTreeW(HKEY_LOCAL_MACHINE, kCoordinatorKey.c_str());
    RegDeleteKeyW(HKEY_LOCAL_MACHINE, kCoordinatorKey.c_str());
    return S_OK;
}
