// The MessageCodec of proto/rmvss/v1/provider.proto: the DLL's plain types (control_plane.h) to and
// from the bridge's VssProvider messages (rmvss/bridge/provider_messages.hpp). Portable.
//   Uuid            <-> "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (lower case, no braces)
//   NULL char*      <-> absent optional bytes; "" <-> present, empty
//   device_type(_modifier) are uint8 in VDS_LUN_INFORMATION: a reply above 255 does not decode
#pragma once

#include "grpc_control_plane.h"
#include "rmvss/bridge/provider_messages.hpp"

#include <memory>

namespace rmvss::native {

bridge::pb::LunInformation to_proto(const LunInfo& lun);
bool from_proto(const bridge::pb::LunInformation& in, LunInfo& out);  // false: value out of range
std::string uuid_text(const Uuid& u);                                  // no braces
bool parse_uuid(const std::string& text, Uuid& u);                     // with or without braces

std::shared_ptr<const MessageCodec> make_proto_codec();

}  // namespace rmvss::native
