// A gRPC unary client over one HTTP/2 connection (gRPC over HTTP/2 protocol spec): the
// provider DLL's only way to reach the Java control plane. Every call has a deadline that
// bounds connect, send and receive; nothing throws; each failure says what kind it was so
// the DLL can map it to a VSS-legal HRESULT.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rmvss/bridge/bytes.hpp"
#include "rmvss/bridge/grpc_status.hpp"
#include "rmvss/bridge/http2_connection.hpp"
#include "rmvss/bridge/mutex.hpp"
#include "rmvss/bridge/transport.hpp"

namespace rmvss::bridge::grpc {

// Why a call ended without a status from the server (None when the server answered).
enum class CallFailure {
  None,
  Unavailable,       // connect failed, connection lost or refused the stream
  DeadlineExceeded,  // the call's deadline passed
  Protocol,          // the server broke HTTP/2, HPACK or gRPC framing rules
  InvalidArgument,   // the call itself was malformed (bad metadata or method path)
  Internal,          // a local failure (e.g. out of memory)
};
const char* to_string(CallFailure failure);

using Metadata = std::vector<std::pair<std::string, std::string>>;

struct CallOptions {
  std::chrono::milliseconds timeout{8000};
  // Lower-case keys. Keys ending in "-bin" carry raw bytes and are base64-encoded here.
  Metadata metadata;
};

struct CallResult {
  StatusCode status = StatusCode::Unknown;
  std::string message;   // grpc-message, percent-decoded (or the failure reason)
  Bytes status_details;  // grpc-status-details-bin, base64-decoded: a serialized google.rpc.Status
  Bytes response;        // the response message, when status is OK
  CallFailure failure = CallFailure::None;
  std::string failure_reason;
  Metadata response_metadata;  // non-pseudo headers and trailers as received

  bool ok() const { return failure == CallFailure::None && status == StatusCode::Ok; }
};

struct ClientOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 50051;
  std::string authority;              // empty: host:port
  TransportFactory transport_factory;  // empty: TCP to host:port
  http2::ConnectionSettings http2;
  std::size_t max_receive_message_size = 4 * 1024 * 1024;
  std::string user_agent = "rmvss-provider-bridge/1.0";
};

// Calls are serialized on one connection; a broken, closed or GOAWAY'd connection is
// replaced by the next call. A call is retried once, transparently, only when the server
// provably did not process it: stream refused (GOAWAY, REFUSED_STREAM), or a reused
// connection failed before the whole request message was written.
class Client {
 public:
  explicit Client(ClientOptions options);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // `method_path` is "/package.Service/Method".
  CallResult call(std::string_view method_path, const Bytes& request, const CallOptions& options) noexcept;
  // Closes the connection (GOAWAY, then close); the next call reconnects.
  void disconnect() noexcept;

  // How many connections this client has opened; for tests and diagnostics.
  std::uint64_t connections_opened() const { return connections_opened_; }

 private:
  CallResult attempt(std::string_view method_path, const Bytes& request, const CallOptions& options,
                     const Deadline& deadline, bool& retry_safe);
  Status ensure_connected(const Deadline& deadline, bool& reused);
  CallResult interpret_response(const http2::StreamState& stream) const;

  Mutex mutex_;
  ClientOptions options_;
  std::unique_ptr<http2::Connection> connection_;
  std::uint64_t connections_opened_ = 0;
};

}  // namespace rmvss::bridge::grpc
