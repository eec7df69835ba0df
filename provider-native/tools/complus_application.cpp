#include "complus_application.h"

#include "error_text.h"

#include <comadmin.h>
#include <oleauto.h>

namespace rmvss::install {

namespace {

// {F618C514-DFB8-11D1-A2CF-00805FC79235}: COMAdmin.COMAdminCatalog (comadmin.h declares it
// with DEFINE_GUID, which needs INITGUID in exactly one unit; this is the only user).
constexpr CLSID kComAdminCatalog = {0xf618c514, 0xdfb8, 0x11d1, {0xa2, 0xcf, 0x00, 0x80, 0x5f, 0xc7, 0x92, 0x35}};

template <typename T>
class Ptr {
public:
    ~Ptr() {
        if (p_) p_->Release();
    }
    T** out() { return &p_; }
    T* operator->() const { return p_; }
    T* get() const { return p_; }

private:
    T* p_ = nullptr;
};

class Bstr {
public:
    explicit Bstr(const std::wstring& s) : b_(SysAllocStringLen(s.data(), static_cast<UINT>(s.size()))) {}
    ~Bstr() { SysFreeString(b_); }
    Bstr(const Bstr&) = delete;
    Bstr& operator=(const Bstr&) = delete;
    operator BSTR() const { return b_; }

private:
    BSTR b_;
};

ComPlusOutcome failed(const std::string& call, HRESULT hr) {
    ComPlusOutcome out;
    out.error = call + " failed: " + hresult_text(hr);
    if (hr == REGDB_E_CLASSNOTREG)
        out.fix = "this system has no COM+ catalog (COMAdmin.COMAdminCatalog). Every Windows Server has one: repair COM+"
                  " (Component Services, dcomcnfg). Wine has none: there, use --no-com-plus (in-process registration only)";
    else if (hr == E_ACCESSDENIED)
        out.fix = "run rmvss-install from an elevated (Run as administrator) command prompt";
    else if (hr == COMADMIN_E_OBJECTERRORS || hr == COMADMIN_E_USERPASSWDNOTVALID)
        out.fix = "check the application in Component Services (dcomcnfg) > COM+ Applications; its identity must be"
                  " NT Authority\\LocalSystem";
    else
        out.fix = "check COM+ in Component Services (dcomcnfg) and the Application event log";
    return out;
}

// The catalog's Applications collection, populated.
HRESULT applications(Ptr<ICOMAdminCatalog>& catalog, Ptr<ICatalogCollection>& apps, std::string& call) {
    call = "CoCreateInstance(COMAdmin.COMAdminCatalog)";
    HRESULT hr = CoCreateInstance(kComAdminCatalog, nullptr, CLSCTX_INPROC_SERVER, __uuidof(ICOMAdminCatalog),
                                  reinterpret_cast<void**>(catalog.out()));
    if (FAILED(hr)) return hr;
    call = "COMAdminCatalog.GetCollection(\"Applications\")";
    Ptr<IDispatch> dispatch;
    hr = catalog->GetCollection(Bstr(L"Applications"), dispatch.out());
    if (FAILED(hr)) return hr;
    hr = dispatch->QueryInterface(__uuidof(ICatalogCollection), reinterpret_cast<void**>(apps.out()));
    if (FAILED(hr)) return hr;
    call = "Applications.Populate";
    return apps->Populate();
}

HRESULT put(ICatalogObject* object, const wchar_t* property, VARIANT value) {
    HRESULT hr = object->put_Value(Bstr(property), value);
    VariantClear(&value);
    return hr;
}
VARIANT text(const std::wstring& s) {
    VARIANT v;
    VariantInit(&v);
    V_VT(&v) = VT_BSTR;
    V_BSTR(&v) = SysAllocStringLen(s.data(), static_cast<UINT>(s.size()));
    return v;
}
VARIANT number(long n) {
    VARIANT v;
    VariantInit(&v);
    V_VT(&v) = VT_I4;
    V_I4(&v) = n;
    return v;
}
VARIANT boolean(bool b) {
    VARIANT v;
    VariantInit(&v);
    V_VT(&v) = VT_BOOL;
    V_BOOL(&v) = b ? VARIANT_TRUE : VARIANT_FALSE;
    return v;
}

}  // namespace

ComPlusOutcome remove_application(const std::wstring& name) {
    Ptr<ICOMAdminCatalog> catalog;
    Ptr<ICatalogCollection> apps;
    std::string call;
    HRESULT hr = applications(catalog, apps, call);
    if (FAILED(hr)) return failed(call, hr);
    LONG count = 0;
    if (FAILED(hr = apps->get_Count(&count))) return failed("Applications.Count", hr);
    ComPlusOutcome out;
    for (LONG i = count - 1; i >= 0; --i) {  // backwards: Remove shifts the later ones
        Ptr<IDispatch> item;
        Ptr<ICatalogObject> app;
        if (FAILED(hr = apps->get_Item(i, item.out()))) return failed("Applications.Item", hr);
        if (FAILED(hr = item->QueryInterface(__uuidof(ICatalogObject), reinterpret_cast<void**>(app.out()))))
            return failed("Applications.Item (ICatalogObject)", hr);
        VARIANT app_name;
        VariantInit(&app_name);
        if (FAILED(hr = app->get_Name(&app_name))) return failed("Application.Name", hr);
        bool match = V_VT(&app_name) == VT_BSTR && V_BSTR(&app_name) && _wcsicmp(V_BSTR(&app_name), name.c_str()) == 0;
        VariantClear(&app_name);
        if (!match) continue;
        if (FAILED(hr = apps->Remove(i))) return failed("Applications.Remove", hr);
        ++out.removed;
    }
    LONG changes = 0;
    if (out.removed && FAILED(hr = apps->SaveChanges(&changes))) return failed("Applications.SaveChanges (remove)", hr);
    out.ok = true;
    return out;
}

ComPlusOutcome create_application(const ComPlusApplication& spec) {
    Ptr<ICOMAdminCatalog> catalog;
    Ptr<ICatalogCollection> apps;
    std::string call;
    HRESULT hr = applications(catalog, apps, call);
    if (FAILED(hr)) return failed(call, hr);
    Ptr<IDispatch> added;
    Ptr<ICatalogObject> app;
    if (FAILED(hr = apps->Add(added.out()))) return failed("Applications.Add", hr);
    if (FAILED(hr = added->QueryInterface(__uuidof(ICatalogObject), reinterpret_cast<void**>(app.out()))))
        return failed("Applications.Add (ICatalogObject)", hr);
    struct Property {
        const wchar_t* name;
        VARIANT value;
    };
    // A server application (dllhost, out of the VSS service's process) running as Local System.
    // VSS (Local System) is its only caller; with access checks on and no roles defined, COM+
    // would refuse it.
    const Property properties[] = {
        {L"Name", text(spec.name)},
        {L"Description", text(spec.description)},
        {L"Activation", number(COMAdminActivationLocal)},
        {L"Identity", text(spec.identity)},
        {L"Password", text(L"")},
        {L"ApplicationAccessChecksEnabled", boolean(false)},
    };
    for (const Property& p : properties) {
        if (FAILED(hr = put(app.get(), p.name, p.value))) return failed("Application." + narrow(p.name), hr);
    }
    LONG changes = 0;
    if (FAILED(hr = apps->SaveChanges(&changes))) return failed("Applications.SaveChanges", hr);
    hr = catalog->ImportComponent(Bstr(spec.name), Bstr(spec.clsid));
    if (FAILED(hr)) {
        ComPlusOutcome out = failed("COMAdminCatalog.ImportComponent(" + narrow(spec.clsid) + ")", hr);
        remove_application(spec.name);  // no empty application left behind
        return out;
    }
    ComPlusOutcome out;
    out.ok = true;
    return out;
}

}  // namespace rmvss::install
