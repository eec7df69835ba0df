#include "rmvss/bridge/grpc_text.hpp"

namespace rmvss::bridge::grpc {
namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";
constexpr char kBase64Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

std::string percent_encode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c < 0x20 || c > 0x7e || c == '%') {
      out.push_back('%');
      out.push_back(kHexDigits[c >> 4]);
      out.push_back(kHexDigits[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

std::string base64_encode(const std::uint8_t* data, std::size_t size, bool padded) {
  std::string out;
  out.reserve((size + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= size; i += 3) {
    const std::uint32_t group = (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8) | data[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kBase64Alphabet[(group >> shift) & 63]);
  }
  const std::size_t rest = size - i;
  if (rest > 0) {
    std::uint32_t group = std::uint32_t{data[i]} << 16;
    if (rest == 2) group |= std::uint32_t{data[i + 1]} << 8;
    out.push_back(kBase64Alphabet[(group >> 18) & 63]);
    out.push_back(kBase64Alphabet[(group >> 12) & 63]);
    if (rest == 2) out.push_back(kBase64Alphabet[(group >> 6) & 63]);
    if (padded) out.append(rest == 1 ? "==" : "=");
  }
  return out;
}

Result<Bytes> base64_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return protocol_error("base64: impossible length");
  Bytes out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t group = 0;
  int bits = 0;
  for (char c : text) {
    const int value = base64_value(c);
    if (value < 0) return protocol_error("base64: invalid character");
    group = (group << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>(group >> bits));
      group &= (1u << bits) - 1;
    }
  }
  return out;
}

std::string format_grpc_timeout(long long milliseconds) {
  if (milliseconds < 0) milliseconds = 0;
  constexpr long long kMaxDigits = 99999999;
  if (milliseconds <= kMaxDigits) return std::to_string(milliseconds) + "m";
  const long long seconds = (milliseconds + 999) / 1000;
  if (seconds <= kMaxDigits) return std::to_string(seconds) + "S";
  const long long minutes = (seconds + 59) / 60;
  if (minutes <= kMaxDigits) return std::to_string(minutes) + "M";
  const long long hours = (minutes + 59) / 60;
  return std::to_string(hours <= kMaxDigits ? hours : kMaxDigits) + "H";
}

}  // namespace rmvss::bridge::grpc
