// The provider's COM+ application through the COM+ catalog (COMAdmin.COMAdminCatalog): VSS
// runs hardware providers out of process, in a COM+ server application (dllhost) whose identity
// is Local System. Create = add the application to the Applications collection and import the
// provider's already registered class into it; remove = delete every application of that name
// (a leftover one blocks a reinstall).
#pragma once

#include <windows.h>

#include <string>

namespace rmvss::install {

struct ComPlusApplication {
    std::wstring name;         // 'RM Shadow Copy Provider'
    std::wstring description;
    std::wstring identity;     // "NT Authority\LocalSystem"
    std::wstring clsid;        // the provider class, "{...}"
};

struct ComPlusOutcome {
    bool ok = false;
    int removed = 0;    // remove_application: how many were there
    std::string error;  // when !ok: the catalog call that failed and its HRESULT
    std::string fix;
};

ComPlusOutcome create_application(const ComPlusApplication& app);
ComPlusOutcome remove_application(const std::wstring& name);

}  // namespace rmvss::install
