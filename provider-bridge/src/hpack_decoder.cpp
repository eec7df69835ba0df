#include "rmvss/bridge/hpack_decoder.hpp"

#include <string>

#include "rmvss/bridge/hpack_primitives.hpp"

namespace rmvss::bridge::hpack {

Result<HeaderField> Decoder::field_at(std::uint64_t index) const {
  if (index == 0) return protocol_error("HPACK: index 0 is not a valid table index");
  if (index <= kStaticTableSize) return static_table_entry(static_cast<std::size_t>(index));
  const HeaderField* entry = table_.entry(static_cast<std::size_t>(index - kStaticTableSize - 1));
  if (entry == nullptr) return protocol_error("HPACK: index " + std::to_string(index) + " is beyond the tables");
  return *entry;
}

Result<std::vector<HeaderField>> Decoder::decode(const std::uint8_t* data, std::size_t size) {
  ByteReader reader(data, size);
  std::vector<HeaderField> fields;
  std::size_t list_size = 0;
  bool field_seen = false;
  const std::size_t max_string = limits_.max_header_list_size;

  while (!reader.empty()) {
    std::uint8_t first = 0;
    (void)reader.peek_u8(first);

    if ((first & 0x80) != 0) {  // 6.1 indexed header field
      Result<std::uint64_t> index = decode_integer(reader, 7);
      if (!index) return index.error();
      Result<HeaderField> field = field_at(index.value());
      if (!field) return field.error();
      field.value().never_indexed = false;
      list_size += entry_size(field->name, field->value);
      if (list_size > limits_.max_header_list_size) return protocol_error("HPACK: header list too large");
      fields.push_back(std::move(field.value()));
      field_seen = true;
      continue;
    }

    if ((first & 0xe0) == 0x20) {  // 6.3 dynamic table size update
      if (field_seen) return protocol_error("HPACK: table size update after a header field");
      Result<std::uint64_t> new_size = decode_integer(reader, 5);
      if (!new_size) return new_size.error();
      if (new_size.value() > limits_.max_table_size) {
        return protocol_error("HPACK: table size update " + std::to_string(new_size.value()) +
                              " exceeds the limit " + std::to_string(limits_.max_table_size));
      }
      table_.set_max_size(static_cast<std::size_t>(new_size.value()));
      continue;
    }

    // 6.2 literal header fields: with incremental indexing (01, 6-bit index), never indexed
    // (0001, 4-bit) or without indexing (0000, 4-bit).
    const bool incremental = (first & 0xc0) == 0x40;
    const bool never_indexed = !incremental && (first & 0xf0) == 0x10;
    Result<std::uint64_t> name_index = decode_integer(reader, incremental ? 6 : 4);
    if (!name_index) return name_index.error();

    HeaderField field;
    if (name_index.value() == 0) {
      Result<std::string> name = decode_string(reader, max_string);
      if (!name) return name.error();
      field.name = std::move(name.value());
    } else {
      Result<HeaderField> indexed = field_at(name_index.value());
      if (!indexed) return indexed.error();
      field.name = std::move(indexed.value().name);
    }
    Result<std::string> value = decode_string(reader, max_string);
    if (!value) return value.error();
    field.value = std::move(value.value());
    field.never_indexed = never_indexed;

    list_size += entry_size(field.name, field.value);
    if (list_size > limits_.max_header_list_size) return protocol_error("HPACK: header list too large");
    if (incremental) table_.insert(field);
    fields.push_back(std::move(field));
    field_seen = true;
  }
  return fields;
}

}  // namespace rmvss::bridge::hpack
