// The messages of proto/rmvss/v1/{lun,provider}.proto and the google.rpc.Status / Any that
// carry a ProviderFault, as plain C++ structs with a hand-written codec over protobuf_wire.
//
// Each message's fields are listed ONCE, in provider_messages.cpp (`fields(m, v)`: number, name,
// proto type, member). The encoder, the decoder and `message_table()` all walk that one list, and
// the `proto_contract` test compares message_table()/rpc_table() with the .proto text, so a field
// added to (or renumbered in) the proto without the C++ side fails a test.
//
// Encoding follows protobuf's rules and Java's field order (so bytes equal what protoc-generated
// Java writes for the same values): proto3 scalars are left out when zero/empty, `optional` fields
// and singular messages are written when present (even when empty), repeated fields in order.
// Decoding treats input as hostile: unknown fields (and known numbers with another wire type) are
// skipped, truncation/overlong/invalid UTF-8 in `string` fields/nesting deeper than 32 are errors;
// a repeated singular message merges as protobuf does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rmvss/bridge/bytes.hpp"
#include "rmvss/bridge/result.hpp"

namespace rmvss::bridge::pb {

// ---- lun.proto ----
struct StorageIdentifier {
  static constexpr const char* kName = "StorageIdentifier";
  std::uint32_t code_set = 0;
  std::uint32_t type = 0;
  Bytes identifier;
  bool operator==(const StorageIdentifier& o) const { return code_set == o.code_set && type == o.type && identifier == o.identifier; }
};

struct Interconnect {
  static constexpr const char* kName = "Interconnect";
  std::uint32_t address_type = 0;
  Bytes port;
  Bytes address;
  bool operator==(const Interconnect& o) const { return address_type == o.address_type && port == o.port && address == o.address; }
};

struct LunInformation {
  static constexpr const char* kName = "LunInformation";
  std::uint32_t version = 0;
  std::uint32_t device_type = 0;
  std::uint32_t device_type_modifier = 0;
  bool command_queueing = false;
  std::uint32_t bus_type = 0;
  std::optional<Bytes> vendor_id;  // absent = NULL pointer, distinct from empty
  std::optional<Bytes> product_id;
  std::optional<Bytes> product_revision;
  std::optional<Bytes> serial_number;
  std::string disk_signature;
  std::uint32_t device_id_descriptor_version = 0;
  std::vector<StorageIdentifier> identifiers;
  std::vector<Interconnect> interconnects;
  bool operator==(const LunInformation& o) const;
};

struct DeviceLun {
  static constexpr const char* kName = "DeviceLun";
  std::string device;
  std::optional<LunInformation> lun;
  bool operator==(const DeviceLun& o) const { return device == o.device && lun == o.lun; }
};

// ---- provider.proto ----
struct ProviderFault {
  static constexpr const char* kName = "ProviderFault";
  std::int32_t hresult = 0;
  std::string event_code;
  std::string message;
  std::string cause;
  std::string correction;
  std::string detail;
  bool operator==(const ProviderFault& o) const {
    return hresult == o.hresult && event_code == o.event_code && message == o.message && cause == o.cause &&
           correction == o.correction && detail == o.detail;
  }
};

#define RMVSS_PB_EMPTY(T)                                   \
  struct T {                                                \
    static constexpr const char* kName = #T;                \
    bool operator==(const T&) const { return true; }        \
  }
#define RMVSS_PB_SET_ID(T)                                                                   \
  struct T {                                                                                 \
    static constexpr const char* kName = #T;                                                 \
    std::string snapshot_set_id;                                                             \
    bool operator==(const T& o) const { return snapshot_set_id == o.snapshot_set_id; }       \
  }

RMVSS_PB_EMPTY(OnLoadRequest);
RMVSS_PB_EMPTY(OnLoadResponse);
struct OnUnloadRequest {
  static constexpr const char* kName = "OnUnloadRequest";
  bool force = false;
  bool operator==(const OnUnloadRequest& o) const { return force == o.force; }
};
RMVSS_PB_EMPTY(OnUnloadResponse);

struct AreLunsSupportedRequest {
  static constexpr const char* kName = "AreLunsSupportedRequest";
  std::int32_t context = 0;
  std::vector<DeviceLun> luns;
  bool operator==(const AreLunsSupportedRequest& o) const { return context == o.context && luns == o.luns; }
};
struct AreLunsSupportedResponse {
  static constexpr const char* kName = "AreLunsSupportedResponse";
  bool supported = false;
  std::vector<LunInformation> luns;
  bool operator==(const AreLunsSupportedResponse& o) const { return supported == o.supported && luns == o.luns; }
};

struct FillInLunInfoRequest {
  static constexpr const char* kName = "FillInLunInfoRequest";
  std::optional<DeviceLun> lun;
  bool operator==(const FillInLunInfoRequest& o) const { return lun == o.lun; }
};
struct FillInLunInfoResponse {
  static constexpr const char* kName = "FillInLunInfoResponse";
  bool supported = false;
  std::optional<LunInformation> lun;
  bool operator==(const FillInLunInfoResponse& o) const { return supported == o.supported && lun == o.lun; }
};

struct BeginPrepareSnapshotRequest {
  static constexpr const char* kName = "BeginPrepareSnapshotRequest";
  std::string snapshot_set_id;
  std::string snapshot_id;
  std::int32_t context = 0;
  std::vector<DeviceLun> luns;
  bool operator==(const BeginPrepareSnapshotRequest& o) const {
    return snapshot_set_id == o.snapshot_set_id && snapshot_id == o.snapshot_id && context == o.context && luns == o.luns;
  }
};
RMVSS_PB_EMPTY(BeginPrepareSnapshotResponse);

struct GetTargetLunsRequest {
  static constexpr const char* kName = "GetTargetLunsRequest";
  std::vector<DeviceLun> sources;
  bool operator==(const GetTargetLunsRequest& o) const { return sources == o.sources; }
};
struct GetTargetLunsResponse {
  static constexpr const char* kName = "GetTargetLunsResponse";
  std::vector<LunInformation> targets;
  bool operator==(const GetTargetLunsResponse& o) const { return targets == o.targets; }
};

struct LocateLunsRequest {
  static constexpr const char* kName = "LocateLunsRequest";
  std::vector<LunInformation> sources;
  bool operator==(const LocateLunsRequest& o) const { return sources == o.sources; }
};
RMVSS_PB_EMPTY(LocateLunsResponse);

struct OnLunEmptyRequest {
  static constexpr const char* kName = "OnLunEmptyRequest";
  std::optional<DeviceLun> lun;
  bool operator==(const OnLunEmptyRequest& o) const { return lun == o.lun; }
};
RMVSS_PB_EMPTY(OnLunEmptyResponse);

RMVSS_PB_SET_ID(EndPrepareSnapshotsRequest);
RMVSS_PB_EMPTY(EndPrepareSnapshotsResponse);
RMVSS_PB_SET_ID(PreCommitSnapshotsRequest);
RMVSS_PB_EMPTY(PreCommitSnapshotsResponse);
RMVSS_PB_SET_ID(CommitSnapshotsRequest);
RMVSS_PB_EMPTY(CommitSnapshotsResponse);
struct PostCommitSnapshotsRequest {
  static constexpr const char* kName = "PostCommitSnapshotsRequest";
  std::string snapshot_set_id;
  std::int32_t snapshot_count = 0;
  bool operator==(const PostCommitSnapshotsRequest& o) const {
    return snapshot_set_id == o.snapshot_set_id && snapshot_count == o.snapshot_count;
  }
};
RMVSS_PB_EMPTY(PostCommitSnapshotsResponse);
RMVSS_PB_SET_ID(PreFinalCommitSnapshotsRequest);
RMVSS_PB_EMPTY(PreFinalCommitSnapshotsResponse);
RMVSS_PB_SET_ID(PostFinalCommitSnapshotsRequest);
RMVSS_PB_EMPTY(PostFinalCommitSnapshotsResponse);
RMVSS_PB_SET_ID(AbortSnapshotsRequest);
RMVSS_PB_EMPTY(AbortSnapshotsResponse);

RMVSS_PB_EMPTY(GetProviderCapabilitiesRequest);
struct GetProviderCapabilitiesResponse {
  static constexpr const char* kName = "GetProviderCapabilitiesResponse";
  std::uint64_t capabilities = 0;
  bool operator==(const GetProviderCapabilitiesResponse& o) const { return capabilities == o.capabilities; }
};

struct OnLunStateChangeRequest {
  static constexpr const char* kName = "OnLunStateChangeRequest";
  std::vector<LunInformation> snapshot_luns;
  std::vector<LunInformation> original_luns;
  std::uint32_t flags = 0;
  bool operator==(const OnLunStateChangeRequest& o) const {
    return snapshot_luns == o.snapshot_luns && original_luns == o.original_luns && flags == o.flags;
  }
};
RMVSS_PB_EMPTY(OnLunStateChangeResponse);

struct ResyncLunsRequest {
  static constexpr const char* kName = "ResyncLunsRequest";
  std::vector<LunInformation> sources;
  std::vector<LunInformation> targets;
  bool operator==(const ResyncLunsRequest& o) const { return sources == o.sources && targets == o.targets; }
};
struct ResyncLunsResponse {
  static constexpr const char* kName = "ResyncLunsResponse";
  std::string operation_id;
  bool operator==(const ResyncLunsResponse& o) const { return operation_id == o.operation_id; }
};
struct GetResyncStatusRequest {
  static constexpr const char* kName = "GetResyncStatusRequest";
  std::string operation_id;
  bool operator==(const GetResyncStatusRequest& o) const { return operation_id == o.operation_id; }
};
struct GetResyncStatusResponse {
  static constexpr const char* kName = "GetResyncStatusResponse";
  bool done = false;
  std::int32_t percent = 0;
  std::int32_t hresult = 0;
  bool operator==(const GetResyncStatusResponse& o) const { return done == o.done && percent == o.percent && hresult == o.hresult; }
};

#undef RMVSS_PB_EMPTY
#undef RMVSS_PB_SET_ID

// ---- google/protobuf/any.proto, google/rpc/status.proto ----
struct Any {
  static constexpr const char* kName = "google.protobuf.Any";
  std::string type_url;
  Bytes value;
  bool operator==(const Any& o) const { return type_url == o.type_url && value == o.value; }
};
struct RpcStatus {
  static constexpr const char* kName = "google.rpc.Status";
  std::int32_t code = 0;
  std::string message;
  std::vector<Any> details;
  bool operator==(const RpcStatus& o) const { return code == o.code && message == o.message && details == o.details; }
};

inline constexpr const char* kProviderFaultTypeUrl = "type.googleapis.com/rmvss.v1.ProviderFault";

// Encode / decode any of the structs above (explicitly instantiated for each).
template <typename T>
Bytes encode(const T& message);
template <typename T>
Result<T> decode(const std::uint8_t* data, std::size_t size);
// Protobuf text format, as `protoc --decode=rmvss.v1.<T>` and Java's TextFormat print it (proto3
// defaults left out, bytes/strings quoted with octal escapes); the golden files' READMEs use it.
template <typename T>
std::string to_text(const T& message);
template <typename T>
Result<T> decode(const Bytes& bytes) {
  return decode<T>(bytes.data(), bytes.size());
}

// grpc-status-details-bin -> the ProviderFault in it. nullopt when the Status carries none
// (no Any whose type_url names rmvss.v1.ProviderFault); an error when the bytes do not decode.
Result<std::optional<ProviderFault>> provider_fault_from_status_details(const Bytes& details);
// The other way (for servers and tests): a google.rpc.Status with the fault packed in an Any.
Bytes status_details_with_fault(std::int32_t grpc_code, const std::string& message, const ProviderFault& fault);

// The contract as the C++ side implements it, for the proto_contract test.
struct FieldEntry {
  std::string message;  // "LunInformation"
  std::string field;    // "vendor_id"
  std::string type;     // as written in the .proto: "optional bytes", "repeated DeviceLun", "uint32"
  std::uint32_t number = 0;
};
std::vector<FieldEntry> message_table();  // every message of lun.proto and provider.proto (not Any/Status)
std::vector<std::string> message_names();  // including those without fields

struct RpcEntry {
  const char* name;      // "CommitSnapshots"
  const char* request;   // "CommitSnapshotsRequest"
  const char* response;  // "CommitSnapshotsResponse"
};
const std::vector<RpcEntry>& rpc_table();
inline constexpr const char* kServiceName = "rmvss.v1.VssProvider";
std::string method_path(const std::string& rpc);  // "/rmvss.v1.VssProvider/<rpc>"

}  // namespace rmvss::bridge::pb
