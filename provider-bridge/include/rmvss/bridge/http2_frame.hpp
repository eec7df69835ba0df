// HTTP/2 frame layout (RFC 9113 section 4 and 6): the 9-byte frame header, typed payload
// parsers that validate every length and flag rule, and frame builders.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rmvss/bridge/bytes.hpp"
#include "rmvss/bridge/result.hpp"

namespace rmvss::bridge::http2 {

enum class FrameType : std::uint8_t {
  Data = 0x0,
  Headers = 0x1,
  Priority = 0x2,
  RstStream = 0x3,
  Settings = 0x4,
  PushPromise = 0x5,
  Ping = 0x6,
  GoAway = 0x7,
  WindowUpdate = 0x8,
  Continuation = 0x9,
};

namespace flag {
inline constexpr std::uint8_t kEndStream = 0x1;
inline constexpr std::uint8_t kAck = 0x1;
inline constexpr std::uint8_t kEndHeaders = 0x4;
inline constexpr std::uint8_t kPadded = 0x8;
inline constexpr std::uint8_t kPriority = 0x20;
}  // namespace flag

enum class ErrorCode : std::uint32_t {
  NoError = 0x0,
  ProtocolError = 0x1,
  InternalError = 0x2,
  FlowControlError = 0x3,
  SettingsTimeout = 0x4,
  StreamClosed = 0x5,
  FrameSizeError = 0x6,
  RefusedStream = 0x7,
  Cancel = 0x8,
  CompressionError = 0x9,
  ConnectError = 0xa,
  EnhanceYourCalm = 0xb,
  InadequateSecurity = 0xc,
  Http11Required = 0xd,
};
const char* to_string(ErrorCode code);

enum class SettingId : std::uint16_t {
  HeaderTableSize = 0x1,
  EnablePush = 0x2,
  MaxConcurrentStreams = 0x3,
  InitialWindowSize = 0x4,
  MaxFrameSize = 0x5,
  MaxHeaderListSize = 0x6,
};

inline constexpr std::string_view kConnectionPreface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
inline constexpr std::size_t kFrameHeaderSize = 9;
inline constexpr std::uint32_t kDefaultMaxFrameSize = 16384;
inline constexpr std::uint32_t kLargestMaxFrameSize = 16777215;
inline constexpr std::uint32_t kDefaultInitialWindowSize = 65535;
inline constexpr std::uint32_t kMaxWindowSize = 0x7fffffff;
inline constexpr std::uint32_t kMaxStreamId = 0x7fffffff;

struct FrameHeader {
  std::uint32_t length = 0;
  std::uint8_t type = 0;
  std::uint8_t flags = 0;
  std::uint32_t stream_id = 0;
};

void append_frame_header(Bytes& out, const FrameHeader& header);
// Reads 9 bytes; the reserved high bit of the stream id is ignored as RFC 9113 requires.
FrameHeader decode_frame_header(const std::uint8_t* nine_bytes);

struct Frame {
  FrameHeader header;
  Bytes payload;

  FrameType type() const { return static_cast<FrameType>(header.type); }
  bool has_flag(std::uint8_t f) const { return (header.flags & f) != 0; }
};

// Views into Frame::payload, valid while the frame lives.
struct DataPayload {
  const std::uint8_t* data = nullptr;
  std::size_t size = 0;
};
struct HeadersPayload {
  const std::uint8_t* fragment = nullptr;
  std::size_t size = 0;
};
struct Setting {
  std::uint16_t id = 0;
  std::uint32_t value = 0;
};
struct GoAway {
  std::uint32_t last_stream_id = 0;
  std::uint32_t error_code = 0;
  std::string debug_data;
};
using PingData = std::array<std::uint8_t, 8>;

Result<DataPayload> parse_data(const Frame& frame);             // strips padding
Result<HeadersPayload> parse_headers(const Frame& frame);       // strips padding and priority
Result<HeadersPayload> parse_continuation(const Frame& frame);
Status check_priority(const Frame& frame);
Result<std::vector<Setting>> parse_settings(const Frame& frame);  // empty for an ACK
Result<PingData> parse_ping(const Frame& frame);
Result<std::uint32_t> parse_window_update(const Frame& frame);  // the increment, never 0
Result<std::uint32_t> parse_rst_stream(const Frame& frame);     // the error code
Result<GoAway> parse_goaway(const Frame& frame);

void append_data_frame(Bytes& out, std::uint32_t stream_id, const std::uint8_t* data, std::size_t size,
                       bool end_stream);
// One HEADERS frame plus as many CONTINUATION frames as `max_frame_size` requires.
void append_header_frames(Bytes& out, std::uint32_t stream_id, const Bytes& header_block, bool end_stream,
                          std::uint32_t max_frame_size);
void append_settings_frame(Bytes& out, const std::vector<Setting>& settings);
void append_settings_ack(Bytes& out);
void append_ping_frame(Bytes& out, const PingData& data, bool ack);
void append_window_update_frame(Bytes& out, std::uint32_t stream_id, std::uint32_t increment);
void append_rst_stream_frame(Bytes& out, std::uint32_t stream_id, ErrorCode code);
void append_goaway_frame(Bytes& out, std::uint32_t last_stream_id, ErrorCode code, std::string_view debug_data);

}  // namespace rmvss::bridge::http2
