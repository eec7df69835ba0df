// Text encodings gRPC puts in HTTP/2 headers: percent-encoded grpc-message, base64 for
// "-bin" metadata (e.g. grpc-status-details-bin) and the grpc-timeout value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "rmvss/bridge/bytes.hpp"
#include "rmvss/bridge/result.hpp"

namespace rmvss::bridge::grpc {

// Encodes bytes outside 0x20-0x7E and '%' as %XX (what servers do to grpc-message).
std::string percent_encode(std::string_view text);
// Decodes %XX; a malformed escape is kept literally, as the spec asks, never an error.
std::string percent_decode(std::string_view text);

// Standard alphabet; `padded` chooses whether '=' padding is emitted.
std::string base64_encode(const std::uint8_t* data, std::size_t size, bool padded = false);
// Accepts padded and unpadded input (the spec requires both); rejects other characters.
Result<Bytes> base64_decode(std::string_view text);

// A grpc-timeout value (at most 8 digits and a unit), e.g. "8000m".
std::string format_grpc_timeout(long long milliseconds);

}  // namespace rmvss::bridge::grpc
