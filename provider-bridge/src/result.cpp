#include "rmvss/bridge/result.hpp"

namespace rmvss::bridge {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Protocol: return "protocol error";
    case ErrorKind::Unavailable: return "unavailable";
    case ErrorKind::DeadlineExceeded: return "deadline exceeded";
    case ErrorKind::InvalidArgument: return "invalid argument";
    case ErrorKind::Internal: return "internal error";
  }
  return "unknown error";
}

}  // namespace rmvss::bridge
