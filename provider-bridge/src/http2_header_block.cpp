#include "rmvss/bridge/http2_header_block.hpp"

namespace rmvss::bridge::http2 {

bool HeaderBlockAssembler::wants(const Frame& frame) const {
  return open_.has_value() || frame.type() == FrameType::Headers || frame.type() == FrameType::Continuation;
}

Result<std::optional<HeaderBlock>> HeaderBlockAssembler::accept(const Frame& frame) {
  if (frame.type() == FrameType::Headers) {
    if (open_) return protocol_error("HEADERS while a header block is still open");
    auto payload = parse_headers(frame);
    if (!payload) return payload.error();
    open_ = HeaderBlock{frame.header.stream_id, frame.has_flag(flag::kEndStream), {}};
    return append(payload->fragment, payload->size, frame.has_flag(flag::kEndHeaders));
  }
  if (frame.type() == FrameType::Continuation) {
    if (!open_) return protocol_error("CONTINUATION without an open header block");
    if (frame.header.stream_id != open_->stream_id) return protocol_error("CONTINUATION on another stream");
    auto payload = parse_continuation(frame);
    if (!payload) return payload.error();
    return append(payload->fragment, payload->size, frame.has_flag(flag::kEndHeaders));
  }
  return protocol_error("frame interleaved inside a header block");
}

Result<std::optional<HeaderBlock>> HeaderBlockAssembler::append(const std::uint8_t* data, std::size_t size,
                                                                bool end_headers) {
  if (open_->fragment.size() + size > max_block_size_) {
    open_.reset();
    return protocol_error("header block too large");
  }
  append_bytes(open_->fragment, data, size);
  if (!end_headers) return std::optional<HeaderBlock>{};
  std::optional<HeaderBlock> done = std::move(open_);
  open_.reset();
  return done;
}

}  // namespace rmvss::bridge::http2
