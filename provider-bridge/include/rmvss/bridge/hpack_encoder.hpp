// HPACK header block encoder (RFC 7541 section 6).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "rmvss/bridge/bytes.hpp"
#include "rmvss/bridge/hpack_table.hpp"

namespace rmvss::bridge::hpack {

struct EncoderOptions {
  // Off: only the static table is used and literals are never added to the peer's dynamic
  // table, so the encoder needs no state the peer could disagree with. On: literals are
  // added with incremental indexing and later matches are sent as indexes.
  bool use_dynamic_table = false;
  bool use_huffman = true;
};

class Encoder {
 public:
  explicit Encoder(EncoderOptions options = {}) : options_(options) {}

  // Appends one header block for `fields`.
  void encode(const std::vector<HeaderField>& fields, Bytes& out);

  // Uses a new dynamic table size (at most what the peer's SETTINGS_HEADER_TABLE_SIZE
  // allows); the size update is signalled at the start of the next block.
  void set_max_table_size(std::size_t max_size);

  const DynamicTable& table() const { return table_; }

 private:
  void encode_field(const HeaderField& field, Bytes& out);

  EncoderOptions options_;
  DynamicTable table_;
  std::optional<std::size_t> pending_size_update_;
};

}  // namespace rmvss::bridge::hpack
