// gRPC status codes and the mappings the gRPC-over-HTTP/2 spec gives for HTTP statuses
// and RST_STREAM error codes.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace rmvss::bridge::grpc {

enum class StatusCode : int {
  Ok = 0,
  Cancelled = 1,
  Unknown = 2,
  InvalidArgument = 3,
  DeadlineExceeded = 4,
  NotFound = 5,
  AlreadyExists = 6,
  PermissionDenied = 7,
  ResourceExhausted = 8,
  FailedPrecondition = 9,
  Aborted = 10,
  OutOfRange = 11,
  Unimplemented = 12,
  Internal = 13,
  Unavailable = 14,
  DataLoss = 15,
  Unauthenticated = 16,
};

const char* to_string(StatusCode code);

// The grpc-status header value: decimal digits only; codes beyond 16 become Unknown.
std::optional<StatusCode> parse_status(std::string_view text);
// For a response whose :status is not 200 and which carries no grpc-status.
StatusCode status_from_http(int http_status);
// For a stream the server reset (RST_STREAM error code).
StatusCode status_from_rst_stream(std::uint32_t http2_error_code);

}  // namespace rmvss::bridge::grpc
