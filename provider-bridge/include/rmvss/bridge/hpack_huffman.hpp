// HPACK's static Huffman code (RFC 7541 section 5.2 and Appendix B).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "rmvss/bridge/bytes.hpp"
#include "rmvss/bridge/result.hpp"

namespace rmvss::bridge::hpack {

struct HuffmanCode {
  std::uint32_t code;  // right-aligned bits, most significant bit sent first
  std::uint8_t bit_length;
};

// 257 entries: the 256 octets, then EOS at index 256.
inline constexpr std::size_t kHuffmanSymbolCount = 257;
inline constexpr std::size_t kHuffmanEos = 256;
const HuffmanCode& huffman_code(std::size_t symbol);

// Number of bytes huffman_encode would append for `text`.
std::size_t huffman_encoded_length(std::string_view text);
void huffman_encode(std::string_view text, Bytes& out);

// Rejects EOS inside the string, padding longer than 7 bits and padding that is not a
// prefix of EOS (all ones), as RFC 7541 section 5.2 requires.
Result<std::string> huffman_decode(const std::uint8_t* data, std::size_t size);

}  // namespace rmvss::bridge::hpack
