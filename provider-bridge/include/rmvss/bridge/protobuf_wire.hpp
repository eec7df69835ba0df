// Protocol Buffers wire format primitives: enough to write and read the bridge's messages
// by hand without protoc. The reader treats every input as hostile: truncation, overlong
// varints and lengths past the end are errors, never reads past the buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rmvss/bridge/bytes.hpp"
#include "rmvss/bridge/result.hpp"

namespace rmvss::bridge::protobuf {

enum class WireType : std::uint8_t {
  Varint = 0,
  Fixed64 = 1,
  LengthDelimited = 2,
  StartGroup = 3,  // deprecated groups: rejected by the reader
  EndGroup = 4,
  Fixed32 = 5,
};

inline constexpr std::uint32_t kMaxFieldNumber = (1u << 29) - 1;

inline std::uint64_t zigzag_encode(std::int64_t value) {
  return (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63);
}
inline std::int64_t zigzag_decode(std::uint64_t value) {
  return static_cast<std::int64_t>(value >> 1) ^ -static_cast<std::int64_t>(value & 1);
}

void append_varint(Bytes& out, std::uint64_t value);

class Writer {
 public:
  void write_varint(std::uint32_t field, std::uint64_t value);
  void write_int64(std::uint32_t field, std::int64_t value) { write_varint(field, static_cast<std::uint64_t>(value)); }
  // int32 negatives are sign-extended to 64 bits, as protobuf does.
  void write_int32(std::uint32_t field, std::int32_t value) { write_int64(field, value); }
  void write_bool(std::uint32_t field, bool value) { write_varint(field, value ? 1 : 0); }
  void write_sint64(std::uint32_t field, std::int64_t value) { write_varint(field, zigzag_encode(value)); }
  void write_fixed32(std::uint32_t field, std::uint32_t value);
  void write_fixed64(std::uint32_t field, std::uint64_t value);
  void write_double(std::uint32_t field, double value);
  void write_float(std::uint32_t field, float value);
  void write_bytes(std::uint32_t field, const std::uint8_t* data, std::size_t size);
  void write_string(std::uint32_t field, std::string_view text);
  void write_message(std::uint32_t field, const Writer& nested) { write_bytes(field, nested.data().data(), nested.size()); }

  const Bytes& data() const { return out_; }
  Bytes take() { return std::move(out_); }
  std::size_t size() const { return out_.size(); }

 private:
  void write_tag(std::uint32_t field, WireType type);
  Bytes out_;
};

struct FieldTag {
  std::uint32_t number = 0;
  WireType type = WireType::Varint;
};

struct ByteSlice {
  const std::uint8_t* data = nullptr;
  std::size_t size = 0;
  std::string to_string() const { return to_text(data, size); }
};

class Reader {
 public:
  Reader(const std::uint8_t* data, std::size_t size) : reader_(data, size) {}
  explicit Reader(const Bytes& bytes) : reader_(bytes) {}

  // The next field's tag, nullopt at a clean end of the message.
  Result<std::optional<FieldTag>> next_field();

  // Value readers: call the one matching the tag's wire type.
  Result<std::uint64_t> read_varint();
  Result<std::int64_t> read_sint64();
  Result<std::uint32_t> read_fixed32();
  Result<std::uint64_t> read_fixed64();
  Result<double> read_double();
  Result<float> read_float();
  Result<ByteSlice> read_length_delimited();
  // Skips the value of a field this reader does not know.
  Status skip(WireType type);

  bool at_end() const { return reader_.empty(); }

 private:
  ByteReader reader_;
};

}  // namespace rmvss::bridge::protobuf
