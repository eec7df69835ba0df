#include "rmvss/bridge/http2_frame_parser.hpp"

#include <cstring>
#include <string>

namespace rmvss::bridge::http2 {

void FrameParser::feed(const std::uint8_t* data, std::size_t size) {
  // Drop what was already handed out before growing, so the buffer stays about one frame.
  if (consumed_ > 0 && consumed_ * 2 >= buffer_.size()) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(consumed_));
    consumed_ = 0;
  }
  buffer_.insert(buffer_.end(), data, data + size);
}

Result<std::optional<Frame>> FrameParser::next() {
  if (awaiting_preface_) {
    if (buffered() < kConnectionPreface.size()) {
      if (std::memcmp(buffer_.data() + consumed_, kConnectionPreface.data(), buffered()) != 0)
        return protocol_error("connection preface mismatch");
      return std::optional<Frame>{};
    }
    if (std::memcmp(buffer_.data() + consumed_, kConnectionPreface.data(), kConnectionPreface.size()) != 0)
      return protocol_error("connection preface mismatch");
    consumed_ += kConnectionPreface.size();
    awaiting_preface_ = false;
  }
  if (buffered() < kFrameHeaderSize) return std::optional<Frame>{};
  const FrameHeader header = decode_frame_header(buffer_.data() + consumed_);
  if (header.length > max_frame_size_) {
    return make_error(ErrorKind::Protocol, "FRAME_SIZE_ERROR: frame of " + std::to_string(header.length) +
                                               " bytes exceeds the maximum " + std::to_string(max_frame_size_));
  }
  if (buffered() < kFrameHeaderSize + header.length) return std::optional<Frame>{};
  Frame frame;
  frame.header = header;
  const std::uint8_t* payload = buffer_.data() + consumed_ + kFrameHeaderSize;
  frame.payload.assign(payload, payload + header.length);
  consumed_ += kFrameHeaderSize + header.length;
  return std::optional<Frame>{std::move(frame)};
}

}  // namespace rmvss::bridge::http2
