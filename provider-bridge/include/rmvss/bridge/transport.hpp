// The byte stream the HTTP/2 connection runs over. The gRPC client only sees this
// interface, so tests and the Windows build can supply their own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "rmvss/bridge/deadline.hpp"
#include "rmvss/bridge/result.hpp"

namespace rmvss::bridge {

class Transport {
 public:
  virtual ~Transport() = default;

  // Errors: Unavailable (refused, unreachable, reset) or DeadlineExceeded.
  virtual Status connect(const Deadline& deadline) = 0;
  // Writes everything or fails; after a failure the stream may hold a partial write and
  // must be closed.
  virtual Status write_all(const std::uint8_t* data, std::size_t size, const Deadline& deadline) = 0;
  // Waits until the deadline for at least one byte; returns how many were read, 0 when the
  // peer closed the stream.
  virtual Result<std::size_t> read_some(std::uint8_t* buffer, std::size_t capacity, const Deadline& deadline) = 0;
  // True if read_some would return at once (data, end of stream or error pending).
  virtual bool readable_now() = 0;
  virtual void close() = 0;
  // For error messages, e.g. "127.0.0.1:50051".
  virtual std::string peer() const = 0;
};

using TransportFactory = std::function<std::unique_ptr<Transport>()>;

}  // namespace rmvss::bridge
