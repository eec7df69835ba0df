// Who the provider is. Name, type, provider ID and version come from the seed's 3.5.3 sample of
// `vssadmin list providers`; the CLSID and version ID are this project's own (generated once,
// never to be reused for anything else).
#pragma once

#include <windows.h>

namespace rmvss::native {

constexpr const wchar_t* kProviderName = L"RM Shadow Copy Provider";
constexpr const wchar_t* kProviderVersion = L"01-01-03/02";
constexpr const wchar_t* kEventSource = L"RM Shadow Copy Provider";

// {748babd3-8c62-4b3d-b6b7-430b5f858c74}: the seed's provider ID.
constexpr GUID kProviderId = {0x748babd3, 0x8c62, 0x4b3d, {0xb6, 0xb7, 0x43, 0x0b, 0x5f, 0x85, 0x8c, 0x74}};
// {d08c96f0-6681-4282-8450-9e89069a3ec8}: CLSID of the provider COM class.
constexpr GUID kProviderClsid = {0xd08c96f0, 0x6681, 0x4282, {0x84, 0x50, 0x9e, 0x89, 0x06, 0x9a, 0x3e, 0xc8}};
// {2684e631-17fa-454a-8aff-c87a3fde6c64}: version ID of 01-01-03/02 (a new version gets a new ID).
constexpr GUID kProviderVersionId = {0x2684e631, 0x17fa, 0x454a, {0x8a, 0xff, 0xc8, 0x7a, 0x3f, 0xde, 0x6c, 0x64}};

constexpr const wchar_t* kProviderClsidText = L"{d08c96f0-6681-4282-8450-9e89069a3ec8}";
constexpr const wchar_t* kClassDescription = L"RM Shadow Copy Provider";

// Where tests and admins configure the DLL (all values optional; environment variables of the same
// meaning win, so a test can set them per process).
constexpr const wchar_t* kConfigKey = L"SOFTWARE\\rmvss\\Provider";

}  // namespace rmvss::native
