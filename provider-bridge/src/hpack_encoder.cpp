#include "rmvss/bridge/hpack_encoder.hpp"

#include "rmvss/bridge/hpack_primitives.hpp"

namespace rmvss::bridge::hpack {

void Encoder::set_max_table_size(std::size_t max_size) {
  table_.set_max_size(max_size);
  pending_size_update_ = max_size;
}

void Encoder::encode(const std::vector<HeaderField>& fields, Bytes& out) {
  if (pending_size_update_) {
    encode_integer(out, 0x20, 5, *pending_size_update_);
    pending_size_update_.reset();
  }
  for (const HeaderField& field : fields) encode_field(field, out);
}

void Encoder::encode_field(const HeaderField& field, Bytes& out) {
  if (!field.never_indexed) {
    if (std::size_t index = static_table_find(field.name, field.value); index != 0) {
      encode_integer(out, 0x80, 7, index);
      return;
    }
    if (options_.use_dynamic_table) {
      if (auto position = table_.find(field.name, field.value)) {
        encode_integer(out, 0x80, 7, kStaticTableSize + 1 + *position);
        return;
      }
    }
  }

  std::size_t name_index = static_table_find_name(field.name);
  if (name_index == 0 && options_.use_dynamic_table) {
    if (auto position = table_.find_name(field.name)) name_index = kStaticTableSize + 1 + *position;
  }

  if (field.never_indexed) {
    encode_integer(out, 0x10, 4, name_index);
  } else if (options_.use_dynamic_table) {
    encode_integer(out, 0x40, 6, name_index);
  } else {
    encode_integer(out, 0x00, 4, name_index);
  }
  if (name_index == 0) encode_string(out, field.name, options_.use_huffman);
  encode_string(out, field.value, options_.use_huffman);
  // Insert after encoding: the name index above must refer to the table before this field.
  if (!field.never_indexed && options_.use_dynamic_table) table_.insert(field);
}

}  // namespace rmvss::bridge::hpack
