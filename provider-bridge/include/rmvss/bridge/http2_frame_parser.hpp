// Cuts a byte stream into HTTP/2 frames, enforcing the advertised SETTINGS_MAX_FRAME_SIZE
// before buffering a payload, so a peer cannot make us hold an arbitrarily large frame.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "rmvss/bridge/http2_frame.hpp"

namespace rmvss::bridge::http2 {

class FrameParser {
 public:
  // A server-side parser first expects the client connection preface.
  explicit FrameParser(std::uint32_t max_frame_size = kDefaultMaxFrameSize, bool expect_preface = false)
      : max_frame_size_(max_frame_size), awaiting_preface_(expect_preface) {}

  void set_max_frame_size(std::uint32_t max_frame_size) { max_frame_size_ = max_frame_size; }
  void feed(const std::uint8_t* data, std::size_t size);

  // The next complete frame, nullopt when more bytes are needed, or an error (a frame
  // larger than allowed, a wrong preface). After an error the stream is unusable.
  Result<std::optional<Frame>> next();

  std::size_t buffered() const { return buffer_.size() - consumed_; }

 private:
  Bytes buffer_;
  std::size_t consumed_ = 0;
  std::uint32_t max_frame_size_;
  bool awaiting_preface_;
};

}  // namespace rmvss::bridge::http2
