// The Windows types the marshalling code needs. On Windows they come from the SDK/mingw-w64
// headers; on Linux a layout-identical copy (plus CoTaskMem* on malloc) lets the marshalling
// unit test run natively under AddressSanitizer/LeakSanitizer.
#pragma once

#ifdef _WIN32
#include <windows.h>
#include <objbase.h>
#include <vss.h>
#include <vdslun.h>
#else
#include <cstdint>
#include <cstdlib>

using BYTE = uint8_t;
using ULONG = uint32_t;
using LONG = int32_t;
using DWORD = uint32_t;
using WINBOOL = int32_t;
using HRESULT = int32_t;
using WCHAR = char16_t;
using VSS_PWSZ = WCHAR*;
struct GUID { uint32_t Data1; uint16_t Data2; uint16_t Data3; uint8_t Data4[8]; };
using VSS_ID = GUID;
#define S_OK ((HRESULT)0)
#define E_OUTOFMEMORY ((HRESULT)0x8007000E)
#define E_INVALIDARG ((HRESULT)0x80070057)

enum VDS_STORAGE_IDENTIFIER_CODE_SET { VDSStorageIdCodeSetBinary = 1, VDSStorageIdCodeSetAscii = 2 };
enum VDS_STORAGE_IDENTIFIER_TYPE { VDSStorageIdTypeVendorSpecific = 0, VDSStorageIdTypeFCPHName = 3 };
enum VDS_STORAGE_BUS_TYPE { VDSBusTypeUnknown = 0, VDSBusTypeScsi = 1, VDSBusTypeFibre = 6 };
enum VDS_INTERCONNECT_ADDRESS_TYPE { VDS_IA_UNKNOWN = 0, VDS_IA_FCPH = 2 };
struct VDS_STORAGE_IDENTIFIER {
    VDS_STORAGE_IDENTIFIER_CODE_SET m_CodeSet;
    VDS_STORAGE_IDENTIFIER_TYPE m_Type;
    ULONG m_cbIdentifier;
    BYTE* m_rgbIdentifier;
};
struct VDS_STORAGE_DEVICE_ID_DESCRIPTOR {
    ULONG m_version;
    ULONG m_cIdentifiers;
    VDS_STORAGE_IDENTIFIER* m_rgIdentifiers;
};
struct VDS_INTERCONNECT {
    VDS_INTERCONNECT_ADDRESS_TYPE m_addressType;
    ULONG m_cbPort;
    BYTE* m_pbPort;
    ULONG m_cbAddress;
    BYTE* m_pbAddress;
};
struct VDS_LUN_INFORMATION {
    ULONG m_version;
    BYTE m_DeviceType;
    BYTE m_DeviceTypeModifier;
    WINBOOL m_bCommandQueueing;
    VDS_STORAGE_BUS_TYPE m_BusType;
    char* m_szVendorId;
    char* m_szProductId;
    char* m_szProductRevision;
    char* m_szSerialNumber;
    GUID m_diskSignature;
    VDS_STORAGE_DEVICE_ID_DESCRIPTOR m_deviceIdDescriptor;
    ULONG m_cInterconnects;
    VDS_INTERCONNECT* m_rgInterconnects;
};
#define VER_VDS_LUN_INFORMATION (1)

// Tests set this to N to make the N-th following allocation fail (out-of-memory paths).
inline int co_task_mem_fail_countdown = 0;
inline void* CoTaskMemAlloc(size_t size) {
    if (co_task_mem_fail_countdown > 0 && --co_task_mem_fail_countdown == 0) return nullptr;
    return std::malloc(size);
}
inline void CoTaskMemFree(void* p) { std::free(p); }
#endif

static_assert(sizeof(void*) != 8 || sizeof(VDS_LUN_INFORMATION) == 96, "VDS_LUN_INFORMATION layout");
