#include "rmvss/bridge/protobuf_wire.hpp"

#include <cstring>

namespace rmvss::bridge::protobuf {

void append_varint(Bytes& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<std::uint8_t>(value | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<std::uint8_t>(value));
}

void Writer::write_tag(std::uint32_t field, WireType type) {
  append_varint(out_, (std::uint64_t{field} << 3) | static_cast<std::uint8_t>(type));
}

void Writer::write_varint(std::uint32_t field, std::uint64_t value) {
  write_tag(field, WireType::Varint);
  append_varint(out_, value);
}

void Writer::write_fixed32(std::uint32_t field, std::uint32_t value) {
  write_tag(field, WireType::Fixed32);
  for (int i = 0; i < 4; ++i) out_.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

void Writer::write_fixed64(std::uint32_t field, std::uint64_t value) {
  write_tag(field, WireType::Fixed64);
  for (int i = 0; i < 8; ++i) out_.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

void Writer::write_double(std::uint32_t field, double value) {
  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  write_fixed64(field, bits);
}

void Writer::write_float(std::uint32_t field, float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  write_fixed32(field, bits);
}

void Writer::write_bytes(std::uint32_t field, const std::uint8_t* data, std::size_t size) {
  write_tag(field, WireType::LengthDelimited);
  append_varint(out_, size);
  append_bytes(out_, data, size);
}

void Writer::write_string(std::uint32_t field, std::string_view text) {
  write_bytes(field, reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

Result<std::optional<FieldTag>> Reader::next_field() {
  if (reader_.empty()) return std::optional<FieldTag>{};
  auto key = read_varint();
  if (!key) return key.error();
  if (key.value() > 0xffffffffu) return protocol_error("protobuf: field key above 32 bits");
  const auto number = static_cast<std::uint32_t>(key.value() >> 3);
  const auto type = static_cast<std::uint8_t>(key.value() & 7);
  if (number == 0) return protocol_error("protobuf: field number 0");
  if (type > 5) return protocol_error("protobuf: invalid wire type " + std::to_string(type));
  return std::optional<FieldTag>{FieldTag{number, static_cast<WireType>(type)}};
}

Result<std::uint64_t> Reader::read_varint() {
  std::uint64_t value = 0;
  for (int i = 0; i < 10; ++i) {
    std::uint8_t byte = 0;
    if (!reader_.read_u8(byte)) return protocol_error("protobuf: truncated varint");
    if (i == 9 && byte > 1) return protocol_error("protobuf: varint above 64 bits");
    value |= std::uint64_t{byte & 0x7fu} << (7 * i);
    if ((byte & 0x80) == 0) return value;
  }
  return protocol_error("protobuf: varint longer than 10 bytes");
}

Result<std::int64_t> Reader::read_sint64() {
  auto raw = read_varint();
  if (!raw) return raw.error();
  return zigzag_decode(raw.value());
}

Result<std::uint32_t> Reader::read_fixed32() {
  const std::uint8_t* p = reader_.take(4);
  if (p == nullptr) return protocol_error("protobuf: truncated fixed32");
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i) value = (value << 8) | p[i];
  return value;
}

Result<std::uint64_t> Reader::read_fixed64() {
  const std::uint8_t* p = reader_.take(8);
  if (p == nullptr) return protocol_error("protobuf: truncated fixed64");
  std::uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | p[i];
  return value;
}

Result<double> Reader::read_double() {
  auto bits = read_fixed64();
  if (!bits) return bits.error();
  double value;
  std::memcpy(&value, &bits.value(), sizeof value);
  return value;
}

Result<float> Reader::read_float() {
  auto bits = read_fixed32();
  if (!bits) return bits.error();
  float value;
  std::memcpy(&value, &bits.value(), sizeof value);
  return value;
}

Result<ByteSlice> Reader::read_length_delimited() {
  auto length = read_varint();
  if (!length) return length.error();
  if (length.value() > reader_.remaining()) return protocol_error("protobuf: length runs past the message");
  const auto size = static_cast<std::size_t>(length.value());
  return ByteSlice{reader_.take(size), size};
}

Status Reader::skip(WireType type) {
  switch (type) {
    case WireType::Varint: {
      auto v = read_varint();
      if (!v) return v.error();
      return {};
    }
    case WireType::Fixed64:
      if (reader_.take(8) == nullptr) return protocol_error("protobuf: truncated fixed64");
      return {};
    case WireType::LengthDelimited: {
      auto v = read_length_delimited();
      if (!v) return v.error();
      return {};
    }
    case WireType::Fixed32:
      if (reader_.take(4) == nullptr) return protocol_error("protobuf: truncated fixed32");
      return {};
    case WireType::StartGroup:
    case WireType::EndGroup:
      break;
  }
  return protocol_error("protobuf: groups are not supported");
}

}  // namespace rmvss::bridge::protobuf
