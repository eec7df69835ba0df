// Byte buffers and a bounds-checked cursor shared by every codec in the bridge.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rmvss::bridge {

using Bytes = std::vector<std::uint8_t>;

// Reads forward through a borrowed buffer; every read is checked against the end, so a
// truncated input yields false/nullptr instead of reading past it.
class ByteReader {
 public:
  ByteReader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  explicit ByteReader(const Bytes& bytes) : ByteReader(bytes.data(), bytes.size()) {}

  std::size_t remaining() const { return size_ - position_; }
  bool empty() const { return position_ == size_; }
  std::size_t position() const { return position_; }

  bool read_u8(std::uint8_t& out) {
    if (empty()) return false;
    out = data_[position_++];
    return true;
  }
  bool peek_u8(std::uint8_t& out) const {
    if (empty()) return false;
    out = data_[position_];
    return true;
  }
  // Returns a pointer to the next n bytes and moves past them, or nullptr if fewer remain.
  const std::uint8_t* take(std::size_t n) {
    if (n > remaining()) return nullptr;
    const std::uint8_t* start = data_ + position_;
    position_ += n;
    return start;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t position_ = 0;
};

inline void append_u16_be(Bytes& out, std::uint16_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}
inline void append_u24_be(Bytes& out, std::uint32_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 16));
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}
inline void append_u32_be(Bytes& out, std::uint32_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 24));
  out.push_back(static_cast<std::uint8_t>(v >> 16));
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}
inline std::uint16_t load_u16_be(const std::uint8_t* p) {
  return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}
inline std::uint32_t load_u24_be(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | p[2];
}
inline std::uint32_t load_u32_be(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

inline void append_bytes(Bytes& out, const std::uint8_t* data, std::size_t size) {
  out.insert(out.end(), data, data + size);
}
inline void append_text(Bytes& out, std::string_view text) {
  out.insert(out.end(), text.begin(), text.end());
}
inline std::string to_text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

}  // namespace rmvss::bridge
