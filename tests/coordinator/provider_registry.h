// Where the coordinator harness keeps registered providers: the registry layout Windows's VSS
// uses, HKLM\SYSTEM\CurrentControlSet\Services\VSS\Providers\{provider-id}:
//   (Default) = provider name, Type = REG_DWORD VSS_PROVIDER_TYPE,
//   CLSID\(Default) = "{class id}", Version\(Default) = version text, Version\VersionId = "{id}".
#pragma once

#include <windows.h>
#include <vss.h>

#include <string>
#include <vector>

namespace vsscoord {

constexpr const wchar_t* kProvidersKey = L"SYSTEM\\CurrentControlSet\\Services\\VSS\\Providers";

struct ProviderEntry {
    GUID id{};
    std::wstring name;
    VSS_PROVIDER_TYPE type = VSS_PROV_UNKNOWN;
    std::wstring version;
    GUID version_id{};
    CLSID clsid{};
};

std::wstring guid_text(const GUID& g);  // lower case, braces
bool parse_guid(const std::wstring& text, GUID& g);

HRESULT add_provider(const ProviderEntry& entry);  // VSS_E_PROVIDER_ALREADY_REGISTERED if present
HRESULT remove_provider(const GUID& id);           // VSS_E_PROVIDER_NOT_REGISTERED if absent
std::vector<ProviderEntry> list_providers();       // in key order, as Windows enumerates them

}  // namespace vsscoord
