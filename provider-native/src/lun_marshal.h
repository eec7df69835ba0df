// VDS_LUN_INFORMATION <-> rmvss::native::LunInfo, following VSS's memory contract:
// everything the provider hands back is CoTaskMemAlloc'ed, and what it replaces is freed with
// CoTaskMemFree (VSS allocated it the same way).
#pragma once

#include "rmvss/native/control_plane.h"
#include "vds_types.h"

#include <string>
#include <vector>

namespace rmvss::native {

Uuid uuid_from(const GUID& g);
GUID guid_from(const Uuid& u);
std::string utf8_from(const WCHAR* wide);  // NULL -> ""

// Deep copy out of VSS's structure (never modifies it).
LunInfo lun_from(const VDS_LUN_INFORMATION& vds);
std::vector<LunInfo> luns_from(const VDS_LUN_INFORMATION* vds, size_t count);
std::vector<DeviceLun> device_luns_from(const VSS_PWSZ* devices, const VDS_LUN_INFORMATION* vds, size_t count);

// Replace every field of `vds` with `lun`: frees the old strings/buffers, allocates new ones.
// On E_OUTOFMEMORY `vds` is left as it was.
HRESULT replace_lun(VDS_LUN_INFORMATION& vds, const LunInfo& lun);

// As replace_lun, but m_cInterconnects/m_rgInterconnects stay exactly as they were
// (AreLunsSupported must not modify them).
HRESULT replace_lun_keeping_interconnects(VDS_LUN_INFORMATION& vds, const LunInfo& lun);

// Free what a VDS_LUN_INFORMATION owns and zero it (what VSS does with GetTargetLuns' output).
void free_lun(VDS_LUN_INFORMATION& vds);

}  // namespace rmvss::native
