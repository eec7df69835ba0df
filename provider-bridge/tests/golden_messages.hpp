// The C++ side's golden messages: fixed values of the messages the DLL sends (requests) and the
// ones the control plane answers (responses, faults), written to proto/testdata/cpp/<name>.bin by
// `rmvss-golden-writer proto/testdata/cpp` (with a README giving each in protobuf text format)
// and decoded by the Java side's test. proto_contract_test re-encodes them and compares with
// the committed files, so a codec change that alters the bytes fails until the files are
// regenerated (and Java decodes them again).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "rmvss/bridge/provider_messages.hpp"

namespace rmvss::golden {

using namespace rmvss::bridge::pb;
using rmvss::bridge::Bytes;

inline Bytes b(const std::string& s) { return Bytes(s.begin(), s.end()); }

// LDEV 18 of the simulated array, serial 62496: what the `array = 62496 18` shortcut derives.
inline LunInformation pvol_lun() {
  LunInformation l;
  l.version = 1;
  l.device_type = 0;
  l.device_type_modifier = 0;
  l.command_queueing = true;
  l.bus_type = 6;  // VDSBusTypeFibre
  l.vendor_id = b("HITACHI ");
  l.product_id = b("OPEN-V          ");
  l.product_revision = b("7303");
  l.serial_number = b("50F42012");
  l.disk_signature = "6b1d3a4e-0000-4000-8000-000000000012";
  l.device_id_descriptor_version = 1;
  l.identifiers.push_back(StorageIdentifier{1, 3, Bytes{0x60, 0x06, 0x0e, 0x80, 0x00, 0xf4, 0x20, 0x00, 0x00, 0x00,
                                                        0xf4, 0x20, 0x00, 0x00, 0x00, 0x12}});
  l.identifiers.push_back(StorageIdentifier{2, 1, b("HITACHI 50F42012")});
  l.interconnects.push_back(Interconnect{2, b("CL2-C"), Bytes{0x50, 0x06, 0x0e, 0x80, 0x00, 0xf4, 0x20, 0x25}});
  return l;
}

// NULL vs empty, non-UTF-8 inquiry bytes, zero scalars left out.
inline LunInformation odd_lun() {
  LunInformation l;
  l.version = 1;
  l.device_type = 0x1f;
  l.vendor_id = Bytes{};  // present, empty: "" not NULL
  // product_id absent: NULL
  l.product_revision = Bytes{0xff, 0x00, 0x80, 0x41};  // not UTF-8, embedded NUL
  // serial_number absent
  l.disk_signature = "";
  l.identifiers.push_back(StorageIdentifier{1, 3, Bytes{}});
  return l;
}

struct Golden {
  std::string name;  // file name without .bin
  std::string type;  // rmvss.v1 message (or google.rpc.Status)
  Bytes bytes;
  std::string text;  // protobuf text format
};

template <typename T>
Golden make(const std::string& name, const T& message) {
  std::string type = T::kName;
  if (type.find('.') == std::string::npos) type = "rmvss.v1." + type;
  return Golden{name, type, encode(message), to_text(message)};
}

inline std::vector<Golden> goldens() {
  const std::string set = "0f3e2a51-7c44-4b1e-9a0d-5d2f0c6b7e81";
  std::vector<Golden> out;
  out.push_back(make("lun_information_pvol", pvol_lun()));
  out.push_back(make("lun_information_null_vs_empty", odd_lun()));
  {
    AreLunsSupportedRequest r;
    r.context = -1;  // a negative int32: 10-byte varint
    r.luns.push_back(DeviceLun{"\\\\?\\scsi#disk&ven_hitachi&prod_open-v#5&1f2e3d4c&0&000012#{53f56307-b6bf-11d0-94f2-00a0c91efb8b}", pvol_lun()});
    r.luns.push_back(DeviceLun{"\\\\?\\scsi#disk&ven_hitachi#\xc3\xa9t\xc3\xa9", odd_lun()});
    out.push_back(make("are_luns_supported_request", r));
  }
  {
    AreLunsSupportedResponse r;
    r.supported = true;
    r.luns = {pvol_lun()};
    out.push_back(make("are_luns_supported_response", r));
  }
  {
    FillInLunInfoRequest r;
    r.lun = DeviceLun{"\\\\?\\scsi#disk&ven_hitachi", odd_lun()};
    out.push_back(make("fill_in_lun_info_request", r));
  }
  {
    FillInLunInfoResponse r;
    r.supported = true;
    r.lun = LunInformation{};  // present but all-default: an empty nested message
    out.push_back(make("fill_in_lun_info_response_empty_lun", r));
  }
  {
    BeginPrepareSnapshotRequest r;
    r.snapshot_set_id = set;
    r.snapshot_id = "a1b2c3d4-e5f6-4789-8abc-def012345678";
    r.context = 0x19;  // VSS_CTX_APP_ROLLBACK | ... as sent by the harness
    r.luns.push_back(DeviceLun{"\\\\?\\scsi#disk", pvol_lun()});
    out.push_back(make("begin_prepare_snapshot_request", r));
  }
  {
    GetTargetLunsResponse r;
    LunInformation target = pvol_lun();
    target.serial_number = b("50F42013");
    target.identifiers[0].identifier.back() = 0x13;
    target.identifiers[1].identifier = b("HITACHI 50F42013");
    r.targets = {target};
    out.push_back(make("get_target_luns_response", r));
  }
  {
    CommitSnapshotsRequest r;
    r.snapshot_set_id = set;
    out.push_back(make("commit_snapshots_request", r));
  }
  {
    PostCommitSnapshotsRequest r;
    r.snapshot_set_id = set;
    r.snapshot_count = 2;
    out.push_back(make("post_commit_snapshots_request", r));
  }
  {
    OnUnloadRequest r;
    r.force = true;
    out.push_back(make("on_unload_request", r));
  }
  out.push_back(make("on_load_request", OnLoadRequest{}));  // zero bytes
  {
    GetProviderCapabilitiesResponse r;
    r.capabilities = 0x8000000000000001ull;
    out.push_back(make("get_provider_capabilities_response", r));
  }
  {
    OnLunStateChangeRequest r;
    r.snapshot_luns = {odd_lun()};
    r.original_luns = {pvol_lun()};
    r.flags = 0x2;
    out.push_back(make("on_lun_state_change_request", r));
  }
  {
    ResyncLunsRequest r;
    r.sources = {pvol_lun()};
    r.targets = {odd_lun()};
    out.push_back(make("resync_luns_request", r));
  }
  {
    ResyncLunsResponse r;
    r.operation_id = "resync-1";
    out.push_back(make("resync_luns_response", r));
  }
  {
    GetResyncStatusResponse r;
    r.done = true;
    r.percent = 100;
    r.hresult = static_cast<std::int32_t>(0x80042306);
    out.push_back(make("get_resync_status_response", r));
  }
  ProviderFault fault;
  fault.hresult = static_cast<std::int32_t>(0x80042306);
  fault.event_code = "EV_INVSTP";
  fault.message = "[EV_INVSTP] Invalid pair status";
  fault.cause = "The pair status is invalid.";
  fault.correction = "Check the pair status with pairdisplay.";
  fault.detail = "snap/pair1 (LDEV 18 -> 19) is PSUE";
  out.push_back(make("provider_fault", fault));
  {
    RpcStatus s;
    s.code = 10;  // ABORTED
    s.message = "[EV_INVSTP] Invalid pair status";
    s.details.push_back(Any{kProviderFaultTypeUrl, encode(fault)});
    out.push_back(make("status_with_provider_fault", s));
  }
  return out;
}

inline std::string readme() {
  std::string out =
      "# proto/testdata/cpp: golden messages written by the C++ codec\n\n"
      "Generated by `build/provider-bridge/rmvss-golden-writer proto/testdata/cpp` from\n"
      "`provider-bridge/tests/golden_messages.hpp` (do not edit by hand). ctest `bridge_proto_contract`\n"
      "re-encodes the same values and fails when a file (or this README) differs.\n\n"
      "Each `<name>.bin` is one serialized message (no gRPC framing). Its exact field values follow in\n"
      "protobuf text format (`protoc --decode=<type> rmvss/v1/provider.proto < <name>.bin` prints the\n"
      "same; Java can `TextFormat.merge` the block and compare it with `<Type>.parseFrom(bytes)`).\n"
      "Fields at their proto3 default are not shown (and not on the wire); `optional bytes` fields are\n"
      "shown when present, so `vendor_id: \"\"` is an empty string and a missing line a NULL pointer.\n"
      "Bytes and strings use C escapes with 3-digit octal for bytes outside printable ASCII.\n";
  for (const Golden& g : goldens()) {
    out += "\n## " + g.name + ".bin\n\n`" + g.type + "`, " + std::to_string(g.bytes.size()) + " bytes\n\n```\n" + g.text + "```\n";
  }
  return out;
}

}  // namespace rmvss::golden
