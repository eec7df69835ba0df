#include "rmvss/bridge/grpc_framing.hpp"

namespace rmvss::bridge::grpc {

void append_message(Bytes& out, const std::uint8_t* message, std::size_t size) {
  out.push_back(0);  // not compressed
  append_u32_be(out, static_cast<std::uint32_t>(size));
  append_bytes(out, message, size);
}

SplitMessages split_messages(const std::uint8_t* data, std::size_t size, std::size_t max_message_size) {
  SplitMessages result;
  ByteReader reader(data, size);
  while (!reader.empty()) {
    const std::uint8_t* prefix = reader.take(kMessagePrefixSize);
    if (prefix == nullptr) {
      result.problem = FramingProblem::Truncated;
      return result;
    }
    if (prefix[0] == 1) {
      result.problem = FramingProblem::CompressionUnsupported;
      return result;
    }
    if (prefix[0] != 0) {
      result.problem = FramingProblem::InvalidFlag;
      return result;
    }
    const std::uint32_t length = load_u32_be(prefix + 1);
    if (length > max_message_size) {
      result.problem = FramingProblem::TooLarge;
      return result;
    }
    const std::uint8_t* message = reader.take(length);
    if (message == nullptr) {
      result.problem = FramingProblem::Truncated;
      return result;
    }
    result.messages.emplace_back(message, message + length);
  }
  return result;
}

}  // namespace rmvss::bridge::grpc
