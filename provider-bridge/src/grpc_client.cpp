#include "rmvss/bridge/grpc_client.hpp"

#include <exception>
#include <new>

#include "rmvss/bridge/grpc_framing.hpp"
#include "rmvss/bridge/grpc_text.hpp"
#include "rmvss/bridge/tcp_transport.hpp"

namespace rmvss::bridge::grpc {
namespace {

using hpack::HeaderField;

CallFailure failure_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Unavailable: return CallFailure::Unavailable;
    case ErrorKind::DeadlineExceeded: return CallFailure::DeadlineExceeded;
    case ErrorKind::Protocol: return CallFailure::Protocol;
    case ErrorKind::InvalidArgument: return CallFailure::InvalidArgument;
    case ErrorKind::Internal: return CallFailure::Internal;
  }
  return CallFailure::Internal;
}

StatusCode status_for(CallFailure failure) {
  switch (failure) {
    case CallFailure::None: return StatusCode::Ok;
    case CallFailure::Unavailable: return StatusCode::Unavailable;
    case CallFailure::DeadlineExceeded: return StatusCode::DeadlineExceeded;
    case CallFailure::Protocol: return StatusCode::Internal;
    case CallFailure::InvalidArgument: return StatusCode::InvalidArgument;
    case CallFailure::Internal: return StatusCode::Internal;
  }
  return StatusCode::Internal;
}

CallResult failed(CallFailure failure, std::string reason) {
  CallResult result;
  result.failure = failure;
  result.status = status_for(failure);
  result.message = reason;
  result.failure_reason = std::move(reason);
  return result;
}

CallResult failed(const Error& error) { return failed(failure_for(error.kind), error.reason); }

const std::string* find_header(const std::vector<HeaderField>& fields, std::string_view name) {
  for (const HeaderField& field : fields) {
    if (field.name == name) return &field.value;
  }
  return nullptr;
}

bool is_valid_key(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!allowed) return false;
  }
  return true;
}

bool is_reserved_key(std::string_view key) {
  static constexpr std::string_view kReserved[] = {"content-type", "te", "user-agent", "connection", "host",
                                                   "transfer-encoding", "upgrade", "keep-alive", "proxy-connection"};
  for (std::string_view reserved : kReserved) {
    if (key == reserved) return true;
  }
  return key.rfind("grpc-", 0) == 0;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Method paths go straight into :path; refuse anything that is not "/Service/Method" in
// printable ASCII so a caller cannot inject header bytes.
bool is_valid_method_path(std::string_view path) {
  if (path.size() < 4 || path[0] != '/') return false;
  const std::size_t slash = path.find('/', 1);
  if (slash == std::string_view::npos || slash == 1 || slash == path.size() - 1) return false;
  if (path.find('/', slash + 1) != std::string_view::npos) return false;
  for (char c : path) {
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return true;
}

Result<std::vector<HeaderField>> build_request_headers(std::string_view method_path, const std::string& authority,
                                                      const std::string& user_agent, const CallOptions& options,
                                                      const Deadline& deadline) {
  if (!is_valid_method_path(method_path))
    return make_error(ErrorKind::InvalidArgument, "method path must look like /package.Service/Method");
  std::vector<HeaderField> headers = {
      {":method", "POST"},
      {":scheme", "http"},
      {":path", std::string(method_path)},
      {":authority", authority},
      {"content-type", "application/grpc"},
      {"te", "trailers"},
      {"grpc-timeout", format_grpc_timeout(deadline.remaining_ms())},
      {"user-agent", user_agent},
  };
  for (const auto& [key, value] : options.metadata) {
    if (!is_valid_key(key) || is_reserved_key(key))
      return make_error(ErrorKind::InvalidArgument, "metadata key not allowed: " + key);
    if (ends_with(key, "-bin")) {
      headers.push_back({key, base64_encode(reinterpret_cast<const std::uint8_t*>(value.data()), value.size())});
      continue;
    }
    for (char c : value) {
      if (c < 0x20 || c > 0x7e) return make_error(ErrorKind::InvalidArgument, "metadata value of " + key + " is not printable ASCII");
    }
    // Credentials are sent "never indexed" so no intermediary keeps them in a table.
    headers.push_back({key, value, key == "authorization" || key == "proxy-authorization"});
  }
  return headers;
}

}  // namespace

const char* to_string(CallFailure failure) {
  switch (failure) {
    case CallFailure::None: return "none";
    case CallFailure::Unavailable: return "unavailable";
    case CallFailure::DeadlineExceeded: return "deadline exceeded";
    case CallFailure::Protocol: return "protocol error";
    case CallFailure::InvalidArgument: return "invalid argument";
    case CallFailure::Internal: return "internal error";
  }
  return "unknown";
}

Client::Client(ClientOptions options) : options_(std::move(options)) {
  if (options_.authority.empty()) options_.authority = options_.host + ":" + std::to_string(options_.port);
  if (!options_.transport_factory) options_.transport_factory = tcp_transport_factory(options_.host, options_.port);
}

Client::~Client() { disconnect(); }

void Client::disconnect() noexcept {
  ScopedLock lock(mutex_);
  try {
    if (connection_) connection_->close(http2::ErrorCode::NoError, "client disconnect");
  } catch (...) {
  }
  connection_.reset();
}

CallResult Client::call(std::string_view method_path, const Bytes& request, const CallOptions& options) noexcept {
  ScopedLock lock(mutex_);
  try {
    const Deadline deadline = Deadline::after(options.timeout);
    bool retry_safe = false;
    CallResult result = attempt(method_path, request, options, deadline, retry_safe);
    if (retry_safe && !deadline.expired()) {
      retry_safe = false;
      result = attempt(method_path, request, options, deadline, retry_safe);
    }
    return result;
  } catch (const std::bad_alloc&) {
    connection_.reset();
    return failed(CallFailure::Internal, "out of memory");
  } catch (const std::exception& e) {
    connection_.reset();
    return failed(CallFailure::Internal, std::string("unexpected exception: ") + e.what());
  } catch (...) {
    connection_.reset();
    return failed(CallFailure::Internal, "unexpected exception");
  }
}

Status Client::ensure_connected(const Deadline& deadline, bool& reused) {
  if (connection_) {
    connection_->poll_idle();  // notices a GOAWAY or close that came while idle
    if (!connection_->usable()) connection_.reset();
  }
  reused = connection_ != nullptr;
  if (connection_) return {};
  auto connection = std::make_unique<http2::Connection>(options_.transport_factory(), options_.http2);
  if (Status opened = connection->open(deadline); !opened) return opened;
  connection_ = std::move(connection);
  ++connections_opened_;
  return {};
}

CallResult Client::attempt(std::string_view method_path, const Bytes& request, const CallOptions& options,
                           const Deadline& deadline, bool& retry_safe) {
  auto headers = build_request_headers(method_path, options_.authority, options_.user_agent, options, deadline);
  if (!headers) return failed(headers.error());
  if (deadline.expired()) return failed(CallFailure::DeadlineExceeded, "deadline passed before the call started");

  if (request.size() > 0xffffffffu)
    return failed(CallFailure::InvalidArgument, "request larger than a gRPC message can be (4 GiB)");

  bool reused = false;
  if (Status connected = ensure_connected(deadline, reused); !connected) return failed(connected.error());
  // Connecting took part of the budget: tell the server what is actually left.
  for (HeaderField& field : headers.value()) {
    if (field.name == "grpc-timeout") field.value = format_grpc_timeout(deadline.remaining_ms());
  }

  auto stream_id = connection_->start_stream(headers.value(), false, deadline);
  if (!stream_id) {
    // Only HEADERS were due: without the request message no unary handler can have run, so
    // a stale reused connection is worth one retry.
    retry_safe = reused && stream_id.error().kind == ErrorKind::Unavailable;
    connection_.reset();
    return failed(stream_id.error());
  }
  const std::uint32_t id = stream_id.value();

  auto abandon = [&](const Error& error) {
    if (error.kind == ErrorKind::DeadlineExceeded && connection_->usable()) {
      connection_->cancel_stream(id, http2::ErrorCode::Cancel);
    } else {
      connection_.reset();
    }
    return failed(error);
  };

  Bytes framed;
  framed.reserve(kMessagePrefixSize + request.size());
  append_message(framed, request.data(), request.size());
  if (Status sent = connection_->send_data(id, framed.data(), framed.size(), true, deadline); !sent) {
    // The frame carrying END_STREAM was not fully written, so the server never had the whole
    // request and a unary handler cannot have run: on a reused (possibly stale) connection,
    // one retry is safe.
    retry_safe = reused && sent.error().kind == ErrorKind::Unavailable;
    return abandon(sent.error());
  }

  // Bound what one response may buffer: the message limit plus its prefix, with slack for
  // the last read batch.
  const std::size_t buffer_limit = options_.max_receive_message_size + kMessagePrefixSize;
  for (;;) {
    http2::StreamState* stream = connection_->stream(id);
    if (stream->finished()) break;
    if (stream->data.size() > buffer_limit) {
      connection_->cancel_stream(id, http2::ErrorCode::Cancel);
      CallResult result;
      result.status = StatusCode::ResourceExhausted;
      result.message = "response larger than " + std::to_string(options_.max_receive_message_size) + " bytes";
      return result;
    }
    if (Status progressed = connection_->read_and_process(deadline); !progressed) {
      if (progressed.error().kind == ErrorKind::Unavailable)
        return abandon(make_error(ErrorKind::Unavailable, "connection lost before the response completed: " +
                                                              progressed.error().reason));
      return abandon(progressed.error());
    }
  }

  http2::StreamState* stream = connection_->stream(id);
  if (stream->refused_by_goaway || stream->reset_code == static_cast<std::uint32_t>(http2::ErrorCode::RefusedStream)) {
    retry_safe = true;  // the server says it did not process this stream
    connection_->release_stream(id);
    if (!connection_->usable()) connection_.reset();
    return failed(CallFailure::Unavailable, "server refused the stream (GOAWAY or REFUSED_STREAM)");
  }
  CallResult result = interpret_response(*stream);
  // A server whose grpc-timeout ran out resets the stream with CANCEL (grpc-java does), and that can
  // arrive a moment before our own timer fires: the call ran out of time, not cancelled by anyone.
  // grpc-timeout is sent in whole milliseconds, rounded down, so the server's deadline may lead ours by one.
  if (stream->reset_code == static_cast<std::uint32_t>(http2::ErrorCode::Cancel) && deadline.remaining_ms() <= 1) {
    result = failed(CallFailure::DeadlineExceeded, "the server cancelled the call at the deadline its grpc-timeout gave it");
  }
  if (stream->local_closed && stream->remote_closed) {
    connection_->release_stream(id);
  } else {
    connection_->cancel_stream(id, http2::ErrorCode::Cancel);  // e.g. the server answered early
  }
  if (!connection_->usable()) connection_.reset();  // GOAWAY: the next call opens a new connection
  return result;
}

CallResult Client::interpret_response(const http2::StreamState& stream) const {
  if (stream.reset_code) {
    CallResult result = failed(CallFailure::Protocol, std::string("server reset the stream: ") +
                                                          http2::to_string(static_cast<http2::ErrorCode>(*stream.reset_code)));
    result.status = status_from_rst_stream(*stream.reset_code);
    return result;
  }
  if (!stream.stream_error.empty()) return failed(CallFailure::Protocol, stream.stream_error);

  const std::string* http_status_text = find_header(stream.headers, ":status");
  if (http_status_text == nullptr) return failed(CallFailure::Protocol, "response without :status");
  int http_status = 0;
  for (char c : *http_status_text) {
    if (c < '0' || c > '9' || http_status > 999) return failed(CallFailure::Protocol, "malformed :status");
    http_status = http_status * 10 + (c - '0');
  }

  // Trailers-only responses put grpc-status in the one and only header block.
  const bool trailers_only = !stream.trailers_received;
  const std::vector<HeaderField>& status_block = trailers_only ? stream.headers : stream.trailers;
  const std::string* status_text = find_header(status_block, "grpc-status");

  CallResult result;
  for (const auto* block : {&stream.headers, &stream.trailers}) {
    for (const HeaderField& field : *block) {
      if (!field.name.empty() && field.name[0] != ':') result.response_metadata.emplace_back(field.name, field.value);
    }
  }

  if (http_status != 200 && status_text == nullptr) {
    result.status = status_from_http(http_status);
    result.message = "HTTP status " + std::to_string(http_status) + " from the server";
    return result;
  }
  if (status_text == nullptr) {
    CallResult missing = failed(CallFailure::Protocol, "response ended without grpc-status");
    missing.response_metadata = std::move(result.response_metadata);
    return missing;
  }
  const std::optional<StatusCode> status = parse_status(*status_text);
  if (!status) return failed(CallFailure::Protocol, "malformed grpc-status: " + *status_text);
  result.status = *status;
  if (const std::string* message = find_header(status_block, "grpc-message")) result.message = percent_decode(*message);
  if (const std::string* details = find_header(status_block, "grpc-status-details-bin")) {
    auto decoded = base64_decode(*details);
    if (decoded) result.status_details = std::move(decoded.value());
    else result.failure_reason = "grpc-status-details-bin is not valid base64";
  }
  if (result.status != StatusCode::Ok) return result;

  const std::string* content_type = find_header(stream.headers, "content-type");
  if (content_type == nullptr || content_type->rfind("application/grpc", 0) != 0) {
    result.status = StatusCode::Unknown;
    result.message = "response content-type is not application/grpc";
    return result;
  }
  SplitMessages split = split_messages(stream.data.data(), stream.data.size(), options_.max_receive_message_size);
  switch (split.problem) {
    case FramingProblem::None: break;
    case FramingProblem::TooLarge:
      result.status = StatusCode::ResourceExhausted;
      result.message = "response larger than " + std::to_string(options_.max_receive_message_size) + " bytes";
      return result;
    case FramingProblem::CompressionUnsupported:
      return failed(CallFailure::Protocol, "server sent a compressed message although none was offered");
    case FramingProblem::InvalidFlag:
      return failed(CallFailure::Protocol, "invalid message compression flag");
    case FramingProblem::Truncated:
      return failed(CallFailure::Protocol, "response message truncated");
  }
  if (split.messages.size() != 1) {
    return failed(CallFailure::Protocol, "unary call got " + std::to_string(split.messages.size()) + " response messages");
  }
  result.response = std::move(split.messages[0]);
  return result;
}

}  // namespace rmvss::bridge::grpc
