// The DLL's only view of the control plane: one method per VSS provider call, plain C++ types.
// Portable (no Windows headers) so the bridge can implement it and tests can fake it on Linux.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rmvss::native {

// A GUID in Windows memory layout (VSS_ID, snapshot set IDs, disk signatures).
struct Uuid {
    uint32_t data1 = 0;
    uint16_t data2 = 0;
    uint16_t data3 = 0;
    uint8_t data4[8] = {};
    bool operator==(const Uuid& other) const;
    std::string str() const;  // "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}", lower case
};

// VDS_STORAGE_IDENTIFIER: one page 0x83 designator.
struct StorageIdentifier {
    uint32_t code_set = 0;  // VDS_STORAGE_IDENTIFIER_CODE_SET
    uint32_t type = 0;      // VDS_STORAGE_IDENTIFIER_TYPE (3 = FCPH name, i.e. NAA)
    std::vector<uint8_t> bytes;
    bool operator==(const StorageIdentifier& o) const { return code_set == o.code_set && type == o.type && bytes == o.bytes; }
};

// VDS_INTERCONNECT: how the host reaches the LUN (port and address as raw bytes).
struct Interconnect {
    uint32_t address_type = 0;  // VDS_INTERCONNECT_ADDRESS_TYPE
    std::vector<uint8_t> port;
    std::vector<uint8_t> address;
    bool operator==(const Interconnect& o) const { return address_type == o.address_type && port == o.port && address == o.address; }
};

// VDS_LUN_INFORMATION, field for field. A NULL string stays distinct from an empty one.
struct LunInfo {
    uint32_t version = 1;  // VER_VDS_LUN_INFORMATION
    uint8_t device_type = 0;
    uint8_t device_type_modifier = 0;
    bool command_queueing = false;
    uint32_t bus_type = 0;  // VDS_STORAGE_BUS_TYPE
    std::optional<std::string> vendor_id;
    std::optional<std::string> product_id;
    std::optional<std::string> product_revision;
    std::optional<std::string> serial_number;  // page 0x80
    Uuid disk_signature;
    uint32_t device_id_descriptor_version = 0;
    std::vector<StorageIdentifier> identifiers;  // page 0x83
    std::vector<Interconnect> interconnects;
    bool operator==(const LunInfo& o) const;
};

// A LUN as the coordinator names it: device path (UTF-8) and its inquiry data.
struct DeviceLun {
    std::string device;
    LunInfo lun;
};

// What came back from one call. Either the control plane answered (with the HRESULT it chose for
// VSS, and data for the calls that return some) or it could not be reached in time.
struct Reply {
    bool reached = false;
    int32_t hresult = 0;
    std::string detail;          // why it failed (transport error, control plane's message)
    bool supported = false;      // AreLunsSupported, FillInLunInfo
    std::vector<LunInfo> luns;   // AreLunsSupported (updated), FillInLunInfo (1), GetTargetLuns
    // The control plane answered with a ProviderFault whose [EV_*] event it has already written:
    // the DLL must not write another one for it (even when it has to turn the HRESULT into a veto).
    bool event_reported = false;
    // Reached, but the control plane refused this provider's token (UNAUTHENTICATED /
    // PERMISSION_DENIED): the DLL vetoes with an [EV_ERPERM] event naming the token file.
    bool unauthenticated = false;
    std::string operation_id;    // ResyncLuns: what GetResyncStatus polls ("" = already complete)
    bool done = false;           // GetResyncStatus
    int32_t percent = 0;         // GetResyncStatus
    int32_t operation_hresult = 0;  // GetResyncStatus: the resync's outcome once done

    static Reply answered(int32_t hr) { Reply r; r.reached = true; r.hresult = hr; return r; }
    static Reply unreachable(std::string why) { Reply r; r.detail = std::move(why); return r; }
    static Reply refused(std::string why) {
        Reply r; r.reached = true; r.unauthenticated = true; r.hresult = static_cast<int32_t>(0x80070005); r.detail = std::move(why); return r;
    }
    // Reached, but the answer is unusable (protocol error, undecodable message, server error):
    // E_UNEXPECTED is not an HRESULT VSS accepts, so the DLL vetoes with [EV_EXCEPT].
    static Reply garbled(std::string why) { Reply r; r.reached = true; r.hresult = static_cast<int32_t>(0x8000FFFF); r.detail = std::move(why); return r; }
};

using Deadline = std::chrono::milliseconds;

class ControlPlane {
public:
    virtual ~ControlPlane() = default;

    virtual Reply AreLunsSupported(int32_t context, const std::vector<DeviceLun>& luns, Deadline d) = 0;
    virtual Reply FillInLunInfo(const DeviceLun& lun, Deadline d) = 0;
    virtual Reply BeginPrepareSnapshot(const Uuid& set, const Uuid& snapshot, int32_t context,
                                       const std::vector<DeviceLun>& luns, Deadline d) = 0;
    virtual Reply EndPrepareSnapshots(const Uuid& set, Deadline d) = 0;
    virtual Reply PreCommitSnapshots(const Uuid& set, Deadline d) = 0;
    virtual Reply CommitSnapshots(const Uuid& set, Deadline d) = 0;
    virtual Reply PostCommitSnapshots(const Uuid& set, int32_t snapshot_count, Deadline d) = 0;
    virtual Reply PreFinalCommitSnapshots(const Uuid& set, Deadline d) = 0;
    virtual Reply PostFinalCommitSnapshots(const Uuid& set, Deadline d) = 0;
    virtual Reply AbortSnapshots(const Uuid& set, Deadline d) = 0;
    virtual Reply GetTargetLuns(const std::vector<DeviceLun>& sources, Deadline d) = 0;
    virtual Reply LocateLuns(const std::vector<LunInfo>& sources, Deadline d) = 0;
    virtual Reply OnLunEmpty(const DeviceLun& lun, Deadline d) = 0;
    virtual Reply OnLunStateChange(const std::vector<LunInfo>& snapshots, const std::vector<LunInfo>& originals,
                                   uint32_t flags, Deadline d) = 0;
    virtual Reply ResyncLuns(const std::vector<LunInfo>& sources, const std::vector<LunInfo>& targets, Deadline d) = 0;
    // Polled by the IVssAsync that ResyncLuns hands back when the reply named an operation.
    virtual Reply GetResyncStatus(const std::string& operation_id, Deadline d) {
        (void)operation_id; (void)d;
        Reply r = Reply::answered(0);
        r.done = true;
        r.percent = 100;
        return r;
    }
};

}  // namespace rmvss::native
