#include "rmvss/bridge/http2_connection.hpp"

#include <algorithm>

namespace rmvss::bridge::http2 {
namespace {

constexpr std::size_t kReadChunk = 16 * 1024;  // one default-size frame per read is plenty

ErrorCode code_for(const Error& error) {
  const std::string& reason = error.reason;
  if (reason.rfind("HPACK", 0) == 0) return ErrorCode::CompressionError;
  if (reason.rfind("FLOW_CONTROL_ERROR", 0) == 0) return ErrorCode::FlowControlError;
  if (reason.rfind("FRAME_SIZE_ERROR", 0) == 0) return ErrorCode::FrameSizeError;
  return ErrorCode::ProtocolError;
}

}  // namespace

Connection::Connection(std::unique_ptr<Transport> transport, ConnectionSettings settings)
    : transport_(std::move(transport)),
      settings_(settings),
      parser_(settings.max_frame_size),
      decoder_(hpack::DecoderLimits{hpack::kDefaultHeaderTableSize, settings.max_header_list_size}),
      connection_receive_window_(kDefaultInitialWindowSize) {}

Connection::~Connection() {
  if (open_ && !broken_) close(ErrorCode::NoError, "client shutting down");
}

Status Connection::open(const Deadline& deadline) {
  if (Status connected = transport_->connect(deadline); !connected) return connected;
  Bytes out(kConnectionPreface.begin(), kConnectionPreface.end());
  append_settings_frame(out, {{static_cast<std::uint16_t>(SettingId::EnablePush), 0},
                              {static_cast<std::uint16_t>(SettingId::InitialWindowSize), settings_.stream_receive_window},
                              {static_cast<std::uint16_t>(SettingId::MaxFrameSize), settings_.max_frame_size},
                              {static_cast<std::uint16_t>(SettingId::MaxHeaderListSize), settings_.max_header_list_size}});
  if (settings_.connection_receive_window > kDefaultInitialWindowSize) {
    append_window_update_frame(out, 0, settings_.connection_receive_window - kDefaultInitialWindowSize);
    connection_receive_window_ = ReceiveWindow(settings_.connection_receive_window);
  }
  open_ = true;
  if (Status written = transport_->write_all(out.data(), out.size(), deadline); !written) {
    broken_ = true;
    transport_->close();
    return written;
  }
  return {};
}

bool Connection::usable() const {
  return open_ && !broken_ && !goaway_ && next_stream_id_ <= kMaxStreamId;
}

void Connection::poll_idle() {
  while (usable() && transport_->readable_now()) {
    // An already-expired deadline: read what is there, never wait.
    if (Status processed = read_and_process(Deadline::after(std::chrono::milliseconds(0))); !processed) return;
  }
}

Status Connection::fail(ErrorCode code, Error error) {
  close(code, error.reason);
  return error;
}

void Connection::close(ErrorCode code, const std::string& reason) {
  if (open_ && !broken_) {
    Bytes out;
    append_goaway_frame(out, 0, code, reason.substr(0, 256));
    (void)transport_->write_all(out.data(), out.size(), Deadline::after(std::chrono::milliseconds(0)));
  }
  broken_ = true;
  transport_->close();
}

Status Connection::flush(const Deadline& deadline) {
  if (pending_output_.empty()) return {};
  Bytes out;
  out.swap(pending_output_);
  if (Status written = transport_->write_all(out.data(), out.size(), deadline); !written) {
    broken_ = true;  // a partial frame may be on the wire
    transport_->close();
    return written;
  }
  return {};
}

Result<std::uint32_t> Connection::start_stream(const std::vector<hpack::HeaderField>& headers, bool end_stream,
                                               const Deadline& deadline) {
  if (!usable()) return make_error(ErrorKind::Unavailable, "connection to " + transport_->peer() + " is not usable");
  const std::uint32_t id = next_stream_id_;
  next_stream_id_ += 2;
  Bytes block;
  encoder_.encode(headers, block);
  append_header_frames(pending_output_, id, block, end_stream, peer_max_frame_size_);
  StreamState& state = streams_[id];
  state.id = id;
  state.local_closed = end_stream;
  state.send_window = SendWindow(peer_initial_window_);
  state.receive_window = ReceiveWindow(settings_.stream_receive_window);
  if (Status written = flush(deadline); !written) return written.error();
  return id;
}

Status Connection::send_data(std::uint32_t stream_id, const std::uint8_t* data, std::size_t size, bool end_stream,
                             const Deadline& deadline) {
  std::size_t offset = 0;
  do {
    StreamState* state = stream(stream_id);
    if (state == nullptr || state->finished()) return {};  // the peer answered already
    const std::size_t remaining = size - offset;
    const std::int64_t window = std::min(connection_send_window_.available(), state->send_window.available());
    if (remaining > 0 && window <= 0) {
      if (Status processed = read_and_process(deadline); !processed) return processed;
      continue;
    }
    const std::size_t chunk = std::min<std::size_t>({remaining, static_cast<std::size_t>(std::max<std::int64_t>(window, 0)),
                                                     peer_max_frame_size_});
    const bool last = end_stream && offset + chunk == size;
    append_data_frame(pending_output_, stream_id, data + offset, chunk, last);
    connection_send_window_.consume(chunk);
    state->send_window.consume(chunk);
    state->local_closed = last;
    offset += chunk;
    // Flush per frame so a large message is not copied whole into the output buffer.
    if (Status written = flush(deadline); !written) return written;
  } while (offset < size);
  return {};
}

Status Connection::read_and_process(const Deadline& deadline) {
  if (broken_) return make_error(ErrorKind::Unavailable, "connection to " + transport_->peer() + " is closed");
  read_buffer_.resize(kReadChunk);
  Result<std::size_t> received = transport_->read_some(read_buffer_.data(), read_buffer_.size(), deadline);
  if (!received) {
    if (received.error().kind != ErrorKind::DeadlineExceeded) {
      broken_ = true;
      transport_->close();
    }
    return received.error();
  }
  if (received.value() == 0) {
    broken_ = true;
    transport_->close();
    return make_error(ErrorKind::Unavailable, "connection closed by " + transport_->peer());
  }
  parser_.feed(read_buffer_.data(), received.value());
  for (;;) {
    Result<std::optional<Frame>> next = parser_.next();
    if (!next) return fail(code_for(next.error()), next.error());
    if (!next.value()) break;
    if (Status processed = process_frame(*next.value()); !processed) return fail(code_for(processed.error()), processed.error());
  }
  return flush(deadline);
}

Status Connection::process_frame(const Frame& frame) {
  // The server's preface is a SETTINGS frame (RFC 9113 section 3.4); anything else first
  // means the peer is not an HTTP/2 server.
  if (!peer_preface_received_) {
    if (frame.type() != FrameType::Settings || frame.has_flag(flag::kAck))
      return protocol_error("server preface is not a SETTINGS frame");
    peer_preface_received_ = true;
  }
  if (header_blocks_.wants(frame)) {
    auto block = header_blocks_.accept(frame);
    if (!block) return block.error();
    if (block.value()) return on_header_block(std::move(*block.value()));
    return {};
  }
  switch (frame.type()) {
    case FrameType::Data: return on_data(frame);
    case FrameType::Settings: return on_settings(frame);
    case FrameType::WindowUpdate: return on_window_update(frame);
    case FrameType::GoAway: return on_goaway(frame);
    case FrameType::Ping: {
      auto ping = parse_ping(frame);
      if (!ping) return ping.error();
      if (!frame.has_flag(flag::kAck)) append_ping_frame(pending_output_, ping.value(), true);
      return {};
    }
    case FrameType::RstStream: {
      auto code = parse_rst_stream(frame);
      if (!code) return code.error();
      // A reset after the complete response (e.g. NO_ERROR once the server stopped reading
      // our request) does not undo that response.
      StreamState* state = stream(frame.header.stream_id);
      if (state != nullptr && !state->remote_closed) state->reset_code = code.value();
      return {};
    }
    case FrameType::Priority: return check_priority(frame);
    case FrameType::PushPromise: return protocol_error("PUSH_PROMISE received although push is disabled");
    default: return {};  // unknown frame types are ignored (RFC 9113 section 4.1)
  }
}

Status Connection::on_header_block(HeaderBlock block) {
  // Decode even for streams we no longer track: the HPACK table must stay in step.
  auto fields = decoder_.decode(block.fragment.data(), block.fragment.size());
  if (!fields) return fields.error();
  if ((block.stream_id % 2) == 0 || block.stream_id >= next_stream_id_)
    return protocol_error("HEADERS on a stream this client never opened");
  StreamState* state = stream(block.stream_id);
  if (state == nullptr || state->finished()) return {};
  if (!state->headers_received) {
    state->headers = std::move(fields.value());
    state->headers_received = true;
  } else if (!state->trailers_received && block.end_stream) {
    state->trailers = std::move(fields.value());
    state->trailers_received = true;
  } else {
    state->stream_error = "unexpected header block (trailers without END_STREAM)";
  }
  if (block.end_stream) state->remote_closed = true;
  return {};
}

Status Connection::on_data(const Frame& frame) {
  auto payload = parse_data(frame);
  if (!payload) return payload.error();
  if (Status counted = connection_receive_window_.on_received(frame.header.length); !counted) return counted;
  if (frame.header.stream_id >= next_stream_id_ || frame.header.stream_id % 2 == 0)
    return protocol_error("DATA on a stream this client never opened");
  // Everything received is consumed at once (the message is buffered whole, its size bounded
  // by the gRPC layer), so credit goes straight back.
  if (std::uint32_t credit = connection_receive_window_.on_consumed(frame.header.length))
    append_window_update_frame(pending_output_, 0, credit);

  StreamState* state = stream(frame.header.stream_id);
  if (state == nullptr || state->finished()) return {};
  if (Status counted = state->receive_window.on_received(frame.header.length); !counted) {
    state->stream_error = counted.error().reason;
    append_rst_stream_frame(pending_output_, state->id, ErrorCode::FlowControlError);
    return {};
  }
  if (!state->headers_received) {
    state->stream_error = "DATA before response headers";
    append_rst_stream_frame(pending_output_, state->id, ErrorCode::ProtocolError);
    return {};
  }
  append_bytes(state->data, payload->data, payload->size);
  if (frame.has_flag(flag::kEndStream)) {
    state->remote_closed = true;
    return {};
  }
  if (std::uint32_t credit = state->receive_window.on_consumed(frame.header.length))
    append_window_update_frame(pending_output_, state->id, credit);
  return {};
}

Status Connection::on_settings(const Frame& frame) {
  auto settings = parse_settings(frame);
  if (!settings) return settings.error();
  if (frame.has_flag(flag::kAck)) return {};
  for (const Setting& setting : settings.value()) {
    switch (static_cast<SettingId>(setting.id)) {
      case SettingId::InitialWindowSize: {
        // Applies to every open stream's send window, by the difference (RFC 9113 6.9.2).
        const std::int64_t delta = std::int64_t{setting.value} - peer_initial_window_;
        for (auto& [id, state] : streams_) {
          if (Status adjusted = state.send_window.adjust(delta); !adjusted) return adjusted;
        }
        peer_initial_window_ = setting.value;
        break;
      }
      case SettingId::MaxFrameSize:
        peer_max_frame_size_ = setting.value;
        break;
      case SettingId::HeaderTableSize:
        // Our encoder never inserts, but a peer that shrinks its decoder's table expects a
        // size update at the start of our next block (RFC 7541 section 4.2).
        if (setting.value < encoder_.table().max_size()) encoder_.set_max_table_size(setting.value);
        break;
      default:
        break;
    }
  }
  append_settings_ack(pending_output_);
  return {};
}

Status Connection::on_window_update(const Frame& frame) {
  auto increment = parse_window_update(frame);
  if (!increment) {
    if (frame.header.stream_id == 0 || frame.payload.size() != 4) return increment.error();
    if (StreamState* state = stream(frame.header.stream_id)) {  // stream error: increment 0
      state->stream_error = increment.error().reason;
      append_rst_stream_frame(pending_output_, state->id, ErrorCode::ProtocolError);
    }
    return {};
  }
  if (frame.header.stream_id == 0) return connection_send_window_.increase(increment.value());
  if (StreamState* state = stream(frame.header.stream_id)) {
    if (Status increased = state->send_window.increase(increment.value()); !increased) {
      state->stream_error = increased.error().reason;
      append_rst_stream_frame(pending_output_, state->id, ErrorCode::FlowControlError);
    }
  }
  return {};
}

Status Connection::on_goaway(const Frame& frame) {
  auto goaway = parse_goaway(frame);
  if (!goaway) return goaway.error();
  for (auto& [id, state] : streams_) {
    if (id > goaway->last_stream_id) state.refused_by_goaway = true;
  }
  goaway_ = std::move(goaway.value());
  return {};
}

StreamState* Connection::stream(std::uint32_t stream_id) {
  auto found = streams_.find(stream_id);
  return found == streams_.end() ? nullptr : &found->second;
}

void Connection::cancel_stream(std::uint32_t stream_id, ErrorCode code) {
  StreamState* state = stream(stream_id);
  if (state != nullptr && !broken_ && !(state->remote_closed && state->local_closed)) {
    append_rst_stream_frame(pending_output_, stream_id, code);
    (void)flush(Deadline::after(std::chrono::milliseconds(0)));
  }
  streams_.erase(stream_id);
}

void Connection::release_stream(std::uint32_t stream_id) { streams_.erase(stream_id); }

}  // namespace rmvss::bridge::http2
