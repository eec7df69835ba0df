#include "rmvss/bridge/http2_flow_control.hpp"

#include <string>

namespace rmvss::bridge::http2 {

Status SendWindow::increase(std::uint32_t increment) {
  if (available_ + increment > kMaxWindowSize) return protocol_error("FLOW_CONTROL_ERROR: window above 2^31-1");
  available_ += increment;
  return {};
}

Status SendWindow::adjust(std::int64_t delta) {
  if (available_ + delta > kMaxWindowSize) return protocol_error("FLOW_CONTROL_ERROR: window above 2^31-1");
  available_ += delta;
  return {};
}

Status ReceiveWindow::on_received(std::size_t flow_controlled_length) {
  if (static_cast<std::int64_t>(flow_controlled_length) > available_) {
    return protocol_error("FLOW_CONTROL_ERROR: peer sent " + std::to_string(flow_controlled_length) +
                          " bytes with only " + std::to_string(available_) + " of window");
  }
  available_ -= static_cast<std::int64_t>(flow_controlled_length);
  return {};
}

std::uint32_t ReceiveWindow::on_consumed(std::size_t bytes) {
  unacknowledged_ += static_cast<std::int64_t>(bytes);
  if (unacknowledged_ < static_cast<std::int64_t>(size_ / 2) && unacknowledged_ < available_) return 0;
  const auto increment = static_cast<std::uint32_t>(unacknowledged_);
  available_ += unacknowledged_;
  unacknowledged_ = 0;
  return increment;
}

}  // namespace rmvss::bridge::http2
