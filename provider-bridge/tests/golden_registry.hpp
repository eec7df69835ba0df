// Message type name -> decode/re-encode/print, for golden files named after their message type
// (proto/testdata/<snake_case_type>[_variant].bin).
#pragma once

#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "rmvss/bridge/provider_messages.hpp"

namespace rmvss::golden {

struct Roundtrip {
  bool decoded = false;
  std::string error;
  rmvss::bridge::Bytes reencoded;
  std::string text;
};
using Codec = std::function<Roundtrip(const rmvss::bridge::Bytes&)>;

template <typename T>
Codec codec_for() {
  return [](const rmvss::bridge::Bytes& bytes) {
    Roundtrip r;
    auto m = rmvss::bridge::pb::decode<T>(bytes);
    if (!m) {
      r.error = m.error().reason;
      return r;
    }
    r.decoded = true;
    r.reencoded = rmvss::bridge::pb::encode(m.value());
    r.text = rmvss::bridge::pb::to_text(m.value());
    return r;
  };
}

inline std::string camel(const std::string& snake) {
  std::string out;
  bool up = true;
  for (char c : snake) {
    if (c == '_') { up = true; continue; }
    out.push_back(up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    up = false;
  }
  return out;
}

const std::map<std::string, Codec>& codecs();

// "get_target_luns_response_two" -> GetTargetLunsResponse's codec (longest prefix that names a type).
inline std::optional<std::pair<std::string, Codec>> codec_for_file(const std::string& stem) {
  std::string s = stem;
  for (;;) {
    auto it = codecs().find(camel(s));
    if (it != codecs().end()) return *it;
    size_t cut = s.rfind('_');
    if (cut == std::string::npos) return std::nullopt;
    s = s.substr(0, cut);
  }
}

inline const std::map<std::string, Codec>& codecs() {
  using namespace rmvss::bridge::pb;
  static const std::map<std::string, Codec> table = {
#define C(T) {#T, codec_for<T>()}
      C(StorageIdentifier), C(Interconnect), C(LunInformation), C(DeviceLun), C(ProviderFault),
      C(OnLoadRequest), C(OnLoadResponse), C(OnUnloadRequest), C(OnUnloadResponse),
      C(AreLunsSupportedRequest), C(AreLunsSupportedResponse), C(FillInLunInfoRequest), C(FillInLunInfoResponse),
      C(BeginPrepareSnapshotRequest), C(BeginPrepareSnapshotResponse), C(GetTargetLunsRequest),
      C(GetTargetLunsResponse), C(LocateLunsRequest), C(LocateLunsResponse), C(OnLunEmptyRequest),
      C(OnLunEmptyResponse), C(EndPrepareSnapshotsRequest), C(EndPrepareSnapshotsResponse),
      C(PreCommitSnapshotsRequest), C(PreCommitSnapshotsResponse), C(CommitSnapshotsRequest),
      C(CommitSnapshotsResponse), C(PostCommitSnapshotsRequest), C(PostCommitSnapshotsResponse),
      C(PreFinalCommitSnapshotsRequest), C(PreFinalCommitSnapshotsResponse), C(PostFinalCommitSnapshotsRequest),
      C(PostFinalCommitSnapshotsResponse), C(AbortSnapshotsRequest), C(AbortSnapshotsResponse),
      C(GetProviderCapabilitiesRequest), C(GetProviderCapabilitiesResponse), C(OnLunStateChangeRequest),
      C(OnLunStateChangeResponse), C(ResyncLunsRequest), C(ResyncLunsResponse), C(GetResyncStatusRequest),
      C(GetResyncStatusResponse),
#undef C
      {"Status", codec_for<RpcStatus>()},        // status.bin, status_with_fault.bin
      {"RpcStatus", codec_for<RpcStatus>()},
  };
  return table;
}

}  // namespace rmvss::golden
