#include "rmvss/bridge/http2_frame.hpp"

#include <algorithm>

namespace rmvss::bridge::http2 {

const char* to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::NoError: return "NO_ERROR";
    case ErrorCode::ProtocolError: return "PROTOCOL_ERROR";
    case ErrorCode::InternalError: return "INTERNAL_ERROR";
    case ErrorCode::FlowControlError: return "FLOW_CONTROL_ERROR";
    case ErrorCode::SettingsTimeout: return "SETTINGS_TIMEOUT";
    case ErrorCode::StreamClosed: return "STREAM_CLOSED";
    case ErrorCode::FrameSizeError: return "FRAME_SIZE_ERROR";
    case ErrorCode::RefusedStream: return "REFUSED_STREAM";
    case ErrorCode::Cancel: return "CANCEL";
    case ErrorCode::CompressionError: return "COMPRESSION_ERROR";
    case ErrorCode::ConnectError: return "CONNECT_ERROR";
    case ErrorCode::EnhanceYourCalm: return "ENHANCE_YOUR_CALM";
    case ErrorCode::InadequateSecurity: return "INADEQUATE_SECURITY";
    case ErrorCode::Http11Required: return "HTTP_1_1_REQUIRED";
  }
  return "UNKNOWN_ERROR_CODE";
}

void append_frame_header(Bytes& out, const FrameHeader& header) {
  append_u24_be(out, header.length);
  out.push_back(header.type);
  out.push_back(header.flags);
  append_u32_be(out, header.stream_id & kMaxStreamId);
}

FrameHeader decode_frame_header(const std::uint8_t* p) {
  FrameHeader header;
  header.length = load_u24_be(p);
  header.type = p[3];
  header.flags = p[4];
  header.stream_id = load_u32_be(p + 5) & kMaxStreamId;
  return header;
}

namespace {

// Removes the Pad Length byte and trailing padding; `fixed_fields` bytes after the Pad
// Length (HEADERS priority) are skipped too.
Result<HeadersPayload> strip_padding(const Frame& frame, std::size_t fixed_fields, const char* what) {
  const Bytes& p = frame.payload;
  std::size_t begin = 0;
  std::size_t pad_length = 0;
  if (frame.has_flag(flag::kPadded)) {
    if (p.empty()) return protocol_error(std::string(what) + ": PADDED without a Pad Length");
    pad_length = p[0];
    begin = 1;
  }
  if (p.size() < begin + fixed_fields + pad_length) {
    return protocol_error(std::string(what) + ": padding and fields exceed the payload");
  }
  begin += fixed_fields;
  return HeadersPayload{p.data() + begin, p.size() - begin - pad_length};
}

}  // namespace

Result<DataPayload> parse_data(const Frame& frame) {
  if (frame.header.stream_id == 0) return protocol_error("DATA on stream 0");
  auto stripped = strip_padding(frame, 0, "DATA");
  if (!stripped) return stripped.error();
  return DataPayload{stripped->fragment, stripped->size};
}

Result<HeadersPayload> parse_headers(const Frame& frame) {
  if (frame.header.stream_id == 0) return protocol_error("HEADERS on stream 0");
  auto stripped = strip_padding(frame, frame.has_flag(flag::kPriority) ? 5 : 0, "HEADERS");
  if (!stripped) return stripped.error();
  if (frame.has_flag(flag::kPriority)) {
    const std::size_t priority_offset = frame.has_flag(flag::kPadded) ? 1 : 0;
    const std::uint32_t dependency = load_u32_be(frame.payload.data() + priority_offset) & kMaxStreamId;
    if (dependency == frame.header.stream_id) return protocol_error("HEADERS: stream depends on itself");
  }
  return stripped;
}

Result<HeadersPayload> parse_continuation(const Frame& frame) {
  if (frame.header.stream_id == 0) return protocol_error("CONTINUATION on stream 0");
  return HeadersPayload{frame.payload.data(), frame.payload.size()};
}

Status check_priority(const Frame& frame) {
  if (frame.header.stream_id == 0) return protocol_error("PRIORITY on stream 0");
  if (frame.payload.size() != 5) return protocol_error("PRIORITY: length is not 5");
  return {};
}

Result<std::vector<Setting>> parse_settings(const Frame& frame) {
  if (frame.header.stream_id != 0) return protocol_error("SETTINGS on a stream");
  if (frame.has_flag(flag::kAck)) {
    if (!frame.payload.empty()) return protocol_error("SETTINGS ACK with a payload");
    return std::vector<Setting>{};
  }
  if (frame.payload.size() % 6 != 0) return protocol_error("SETTINGS: length is not a multiple of 6");
  std::vector<Setting> settings;
  for (std::size_t offset = 0; offset < frame.payload.size(); offset += 6) {
    Setting setting{load_u16_be(frame.payload.data() + offset), load_u32_be(frame.payload.data() + offset + 2)};
    switch (static_cast<SettingId>(setting.id)) {
      case SettingId::EnablePush:
        if (setting.value > 1) return protocol_error("SETTINGS_ENABLE_PUSH is not 0 or 1");
        break;
      case SettingId::InitialWindowSize:
        if (setting.value > kMaxWindowSize) return protocol_error("SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1");
        break;
      case SettingId::MaxFrameSize:
        if (setting.value < kDefaultMaxFrameSize || setting.value > kLargestMaxFrameSize)
          return protocol_error("SETTINGS_MAX_FRAME_SIZE out of range");
        break;
      default:
        break;  // unknown settings are ignored (RFC 9113 section 6.5.2)
    }
    settings.push_back(setting);
  }
  return settings;
}

Result<PingData> parse_ping(const Frame& frame) {
  if (frame.header.stream_id != 0) return protocol_error("PING on a stream");
  if (frame.payload.size() != 8) return protocol_error("PING: length is not 8");
  PingData data{};
  std::copy(frame.payload.begin(), frame.payload.end(), data.begin());
  return data;
}

Result<std::uint32_t> parse_window_update(const Frame& frame) {
  if (frame.payload.size() != 4) return protocol_error("WINDOW_UPDATE: length is not 4");
  const std::uint32_t increment = load_u32_be(frame.payload.data()) & kMaxWindowSize;
  if (increment == 0) return protocol_error("WINDOW_UPDATE with increment 0");
  return increment;
}

Result<std::uint32_t> parse_rst_stream(const Frame& frame) {
  if (frame.header.stream_id == 0) return protocol_error("RST_STREAM on stream 0");
  if (frame.payload.size() != 4) return protocol_error("RST_STREAM: length is not 4");
  return load_u32_be(frame.payload.data());
}

Result<GoAway> parse_goaway(const Frame& frame) {
  if (frame.header.stream_id != 0) return protocol_error("GOAWAY on a stream");
  if (frame.payload.size() < 8) return protocol_error("GOAWAY shorter than 8 bytes");
  GoAway goaway;
  goaway.last_stream_id = load_u32_be(frame.payload.data()) & kMaxStreamId;
  goaway.error_code = load_u32_be(frame.payload.data() + 4);
  goaway.debug_data = to_text(frame.payload.data() + 8, frame.payload.size() - 8);
  return goaway;
}

void append_data_frame(Bytes& out, std::uint32_t stream_id, const std::uint8_t* data, std::size_t size,
                       bool end_stream) {
  append_frame_header(out, {static_cast<std::uint32_t>(size), static_cast<std::uint8_t>(FrameType::Data),
                            end_stream ? flag::kEndStream : std::uint8_t{0}, stream_id});
  append_bytes(out, data, size);
}

void append_header_frames(Bytes& out, std::uint32_t stream_id, const Bytes& header_block, bool end_stream,
                          std::uint32_t max_frame_size) {
  std::size_t offset = 0;
  bool first = true;
  do {
    const std::size_t chunk = std::min<std::size_t>(max_frame_size, header_block.size() - offset);
    const bool last = offset + chunk == header_block.size();
    std::uint8_t flags = last ? flag::kEndHeaders : 0;
    if (first && end_stream) flags |= flag::kEndStream;
    const FrameType type = first ? FrameType::Headers : FrameType::Continuation;
    append_frame_header(out, {static_cast<std::uint32_t>(chunk), static_cast<std::uint8_t>(type), flags, stream_id});
    append_bytes(out, header_block.data() + offset, chunk);
    offset += chunk;
    first = false;
  } while (offset < header_block.size());
}

void append_settings_frame(Bytes& out, const std::vector<Setting>& settings) {
  append_frame_header(out, {static_cast<std::uint32_t>(settings.size() * 6),
                            static_cast<std::uint8_t>(FrameType::Settings), 0, 0});
  for (const Setting& s : settings) {
    append_u16_be(out, s.id);
    append_u32_be(out, s.value);
  }
}

void append_settings_ack(Bytes& out) {
  append_frame_header(out, {0, static_cast<std::uint8_t>(FrameType::Settings), flag::kAck, 0});
}

void append_ping_frame(Bytes& out, const PingData& data, bool ack) {
  append_frame_header(out, {8, static_cast<std::uint8_t>(FrameType::Ping), ack ? flag::kAck : std::uint8_t{0}, 0});
  append_bytes(out, data.data(), data.size());
}

void append_window_update_frame(Bytes& out, std::uint32_t stream_id, std::uint32_t increment) {
  append_frame_header(out, {4, static_cast<std::uint8_t>(FrameType::WindowUpdate), 0, stream_id});
  append_u32_be(out, increment & kMaxWindowSize);
}

void append_rst_stream_frame(Bytes& out, std::uint32_t stream_id, ErrorCode code) {
  append_frame_header(out, {4, static_cast<std::uint8_t>(FrameType::RstStream), 0, stream_id});
  append_u32_be(out, static_cast<std::uint32_t>(code));
}

void append_goaway_frame(Bytes& out, std::uint32_t last_stream_id, ErrorCode code, std::string_view debug_data) {
  append_frame_header(out, {static_cast<std::uint32_t>(8 + debug_data.size()),
                            static_cast<std::uint8_t>(FrameType::GoAway), 0, 0});
  append_u32_be(out, last_stream_id & kMaxStreamId);
  append_u32_be(out, static_cast<std::uint32_t>(code));
  append_text(out, debug_data);
}

}  // namespace rmvss::bridge::http2
