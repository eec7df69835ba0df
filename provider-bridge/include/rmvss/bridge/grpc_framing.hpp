// gRPC length-prefixed messages: 1 byte compressed flag, 4 bytes big-endian length, then
// the message (gRPC over HTTP/2, "Length-Prefixed-Message").
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "rmvss/bridge/bytes.hpp"

namespace rmvss::bridge::grpc {

inline constexpr std::size_t kMessagePrefixSize = 5;

void append_message(Bytes& out, const std::uint8_t* message, std::size_t size);

enum class FramingProblem {
  None,
  Truncated,               // the stream ended inside a prefix or message
  CompressionUnsupported,  // flag 1: we never offer an encoding, so none may be used
  InvalidFlag,             // flag other than 0 or 1
  TooLarge,                // above the caller's receive limit
};

struct SplitMessages {
  std::vector<Bytes> messages;
  FramingProblem problem = FramingProblem::None;
};

// Splits a stream's reassembled DATA into messages. Stops at the first problem.
SplitMessages split_messages(const std::uint8_t* data, std::size_t size, std::size_t max_message_size);

}  // namespace rmvss::bridge::grpc
