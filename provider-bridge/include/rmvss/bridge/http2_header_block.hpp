// Joins HEADERS and its CONTINUATION frames into one header block (RFC 9113 section 6.10):
// while a block is open, any other frame is a connection error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "rmvss/bridge/http2_frame.hpp"

namespace rmvss::bridge::http2 {

struct HeaderBlock {
  std::uint32_t stream_id = 0;
  bool end_stream = false;
  Bytes fragment;  // the complete HPACK block
};

class HeaderBlockAssembler {
 public:
  explicit HeaderBlockAssembler(std::size_t max_block_size = 512 * 1024) : max_block_size_(max_block_size) {}

  bool in_progress() const { return open_.has_value(); }
  // True if this frame must go to accept(): HEADERS, CONTINUATION, or anything while a
  // block is open (which accept() then rejects).
  bool wants(const Frame& frame) const;
  // A complete block, or nullopt while CONTINUATION frames are still expected.
  Result<std::optional<HeaderBlock>> accept(const Frame& frame);

 private:
  Result<std::optional<HeaderBlock>> append(const std::uint8_t* data, std::size_t size, bool end_headers);

  std::size_t max_block_size_;
  std::optional<HeaderBlock> open_;
};

}  // namespace rmvss::bridge::http2
