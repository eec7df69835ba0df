// HPACK header block decoder (RFC 7541 sections 3, 4 and 6).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "rmvss/bridge/hpack_table.hpp"
#include "rmvss/bridge/result.hpp"

namespace rmvss::bridge::hpack {

struct DecoderLimits {
  // SETTINGS_HEADER_TABLE_SIZE we advertise: the peer may not ask for a bigger table.
  std::size_t max_table_size = kDefaultHeaderTableSize;
  // Sum of name + value + 32 over one block; bounds memory a peer can make us use.
  std::size_t max_header_list_size = 256 * 1024;
};

class Decoder {
 public:
  explicit Decoder(DecoderLimits limits = {}) : limits_(limits), table_(limits.max_table_size) {}

  // Decodes one complete header block (HEADERS plus CONTINUATION fragments, joined). Any
  // error is a connection-level COMPRESSION_ERROR: the table state is then unreliable.
  Result<std::vector<HeaderField>> decode(const std::uint8_t* data, std::size_t size);

  const DynamicTable& table() const { return table_; }

 private:
  Result<HeaderField> field_at(std::uint64_t index) const;

  DecoderLimits limits_;
  DynamicTable table_;
};

}  // namespace rmvss::bridge::hpack
