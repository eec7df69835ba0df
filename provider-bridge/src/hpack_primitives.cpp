#include "rmvss/bridge/hpack_primitives.hpp"

#include "rmvss/bridge/hpack_huffman.hpp"

namespace rmvss::bridge::hpack {

void encode_integer(Bytes& out, std::uint8_t first_byte_flags, int prefix_bits, std::uint64_t value) {
  const std::uint64_t prefix_max = (std::uint64_t{1} << prefix_bits) - 1;
  if (value < prefix_max) {
    out.push_back(static_cast<std::uint8_t>(first_byte_flags | value));
    return;
  }
  out.push_back(static_cast<std::uint8_t>(first_byte_flags | prefix_max));
  value -= prefix_max;
  while (value >= 128) {
    out.push_back(static_cast<std::uint8_t>((value % 128) + 128));
    value /= 128;
  }
  out.push_back(static_cast<std::uint8_t>(value));
}

Result<std::uint64_t> decode_integer(ByteReader& reader, int prefix_bits, std::uint64_t max_value) {
  std::uint8_t byte = 0;
  if (!reader.read_u8(byte)) return protocol_error("HPACK integer: truncated");
  const std::uint64_t prefix_max = (std::uint64_t{1} << prefix_bits) - 1;
  std::uint64_t value = byte & prefix_max;
  if (value < prefix_max) {
    if (value > max_value) return protocol_error("HPACK integer: value too large");
    return value;
  }
  // Ten continuation bytes are far more than a 32-bit limit needs; stopping there keeps the
  // shift below 64 bits whatever the peer sends.
  for (int shift = 0; shift <= 63 - 7; shift += 7) {
    if (!reader.read_u8(byte)) return protocol_error("HPACK integer: truncated");
    value += std::uint64_t{byte & 0x7fu} << shift;
    if (value > max_value) return protocol_error("HPACK integer: value too large");
    if ((byte & 0x80) == 0) return value;
  }
  return protocol_error("HPACK integer: encoding too long");
}

void encode_string(Bytes& out, std::string_view text, bool allow_huffman) {
  if (allow_huffman) {
    const std::size_t huffman_length = huffman_encoded_length(text);
    if (huffman_length < text.size()) {
      encode_integer(out, 0x80, 7, huffman_length);
      huffman_encode(text, out);
      return;
    }
  }
  encode_integer(out, 0x00, 7, text.size());
  append_text(out, text);
}

Result<std::string> decode_string(ByteReader& reader, std::size_t max_length) {
  std::uint8_t first = 0;
  if (!reader.peek_u8(first)) return protocol_error("HPACK string: truncated");
  const bool huffman = (first & 0x80) != 0;
  Result<std::uint64_t> length = decode_integer(reader, 7, max_length);
  if (!length) return protocol_error("HPACK string length: " + length.error().reason);
  const std::uint8_t* bytes = reader.take(static_cast<std::size_t>(length.value()));
  if (bytes == nullptr) return protocol_error("HPACK string: length runs past the header block");
  if (huffman) return huffman_decode(bytes, static_cast<std::size_t>(length.value()));
  return to_text(bytes, static_cast<std::size_t>(length.value()));
}

}  // namespace rmvss::bridge::hpack
