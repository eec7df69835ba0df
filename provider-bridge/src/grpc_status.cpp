#include "rmvss/bridge/grpc_status.hpp"

namespace rmvss::bridge::grpc {

const char* to_string(StatusCode code) {
  switch (code) {
    case StatusCode::Ok: return "OK";
    case StatusCode::Cancelled: return "CANCELLED";
    case StatusCode::Unknown: return "UNKNOWN";
    case StatusCode::InvalidArgument: return "INVALID_ARGUMENT";
    case StatusCode::DeadlineExceeded: return "DEADLINE_EXCEEDED";
    case StatusCode::NotFound: return "NOT_FOUND";
    case StatusCode::AlreadyExists: return "ALREADY_EXISTS";
    case StatusCode::PermissionDenied: return "PERMISSION_DENIED";
    case StatusCode::ResourceExhausted: return "RESOURCE_EXHAUSTED";
    case StatusCode::FailedPrecondition: return "FAILED_PRECONDITION";
    case StatusCode::Aborted: return "ABORTED";
    case StatusCode::OutOfRange: return "OUT_OF_RANGE";
    case StatusCode::Unimplemented: return "UNIMPLEMENTED";
    case StatusCode::Internal: return "INTERNAL";
    case StatusCode::Unavailable: return "UNAVAILABLE";
    case StatusCode::DataLoss: return "DATA_LOSS";
    case StatusCode::Unauthenticated: return "UNAUTHENTICATED";
  }
  return "UNKNOWN";
}

std::optional<StatusCode> parse_status(std::string_view text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > static_cast<int>(StatusCode::Unauthenticated)) return StatusCode::Unknown;
  return static_cast<StatusCode>(value);
}

StatusCode status_from_http(int http_status) {
  switch (http_status) {
    case 400: return StatusCode::Internal;
    case 401: return StatusCode::Unauthenticated;
    case 403: return StatusCode::PermissionDenied;
    case 404: return StatusCode::Unimplemented;
    case 429:
    case 502:
    case 503:
    case 504: return StatusCode::Unavailable;
    default: return StatusCode::Unknown;
  }
}

StatusCode status_from_rst_stream(std::uint32_t http2_error_code) {
  switch (http2_error_code) {
    case 0x7: return StatusCode::Unavailable;        // REFUSED_STREAM: not processed, safe to retry
    case 0x8: return StatusCode::Cancelled;          // CANCEL
    case 0xb: return StatusCode::ResourceExhausted;  // ENHANCE_YOUR_CALM
    case 0xc: return StatusCode::PermissionDenied;   // INADEQUATE_SECURITY
    default: return StatusCode::Internal;
  }
}

}  // namespace rmvss::bridge::grpc
