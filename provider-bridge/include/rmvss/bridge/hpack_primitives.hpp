// HPACK integer and string representations (RFC 7541 sections 5.1 and 5.2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "rmvss/bridge/bytes.hpp"
#include "rmvss/bridge/result.hpp"

namespace rmvss::bridge::hpack {

// Appends `value` with an N-bit prefix; `first_byte_flags` holds the representation's bits
// above the prefix.
void encode_integer(Bytes& out, std::uint8_t first_byte_flags, int prefix_bits, std::uint64_t value);

// Reads an N-bit-prefix integer. Values above `max_value` (and encodings too long to hold
// one) are rejected, so a peer cannot make us allocate or index with a huge number.
Result<std::uint64_t> decode_integer(ByteReader& reader, int prefix_bits,
                                     std::uint64_t max_value = 0xffffffffu);

// Appends a string literal, Huffman-coded when that is shorter (or `allow_huffman` is off).
void encode_string(Bytes& out, std::string_view text, bool allow_huffman = true);

// Reads a string literal of at most `max_length` encoded bytes.
Result<std::string> decode_string(ByteReader& reader, std::size_t max_length);

}  // namespace rmvss::bridge::hpack
