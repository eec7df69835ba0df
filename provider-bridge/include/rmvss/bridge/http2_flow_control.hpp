// HTTP/2 flow-control windows (RFC 9113 section 5.2 and 6.9), one pair per connection and
// per stream.
#pragma once

#include <cstddef>
#include <cstdint>

#include "rmvss/bridge/http2_frame.hpp"
#include "rmvss/bridge/result.hpp"

namespace rmvss::bridge::http2 {

// How much we may still send. It can go negative when the peer lowers
// SETTINGS_INITIAL_WINDOW_SIZE while data is in flight.
class SendWindow {
 public:
  explicit SendWindow(std::int64_t initial = kDefaultInitialWindowSize) : available_(initial) {}

  std::int64_t available() const { return available_; }
  void consume(std::size_t bytes) { available_ -= static_cast<std::int64_t>(bytes); }
  // WINDOW_UPDATE from the peer; a window above 2^31-1 is a FLOW_CONTROL_ERROR.
  Status increase(std::uint32_t increment);
  // Change of the peer's SETTINGS_INITIAL_WINDOW_SIZE, applied to every open stream.
  Status adjust(std::int64_t delta);

 private:
  std::int64_t available_;
};

// How much the peer may still send us, and when to give credit back. Credit is returned in
// batches of at least half the window, so WINDOW_UPDATE frames stay few.
class ReceiveWindow {
 public:
  explicit ReceiveWindow(std::uint32_t size = kDefaultInitialWindowSize) : size_(size), available_(size) {}

  // DATA of `flow_controlled_length` (payload including padding) arrived.
  Status on_received(std::size_t flow_controlled_length);
  // The application consumed `bytes`; returns the WINDOW_UPDATE increment to send now, or 0.
  std::uint32_t on_consumed(std::size_t bytes);

  std::int64_t available() const { return available_; }
  std::uint32_t size() const { return size_; }

 private:
  std::uint32_t size_;
  std::int64_t available_;
  std::int64_t unacknowledged_ = 0;  // consumed but not yet returned to the peer
};

}  // namespace rmvss::bridge::http2
