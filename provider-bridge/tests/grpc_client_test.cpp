// The gRPC unary client against the in-process test server over loopback TCP: success,
// errors with message and details, deadlines on connect/send/receive, a server closing
// mid-call, reconnects, GOAWAY, and large messages under flow control.
#include <chrono>
#include <string>

#include "rmvss/bridge/grpc_client.hpp"
#include "rmvss/bridge/grpc_text.hpp"
#include "rmvss/bridge/protobuf_wire.hpp"
#include "rmvss/bridge/tcp_transport.hpp"
#include "test_harness.hpp"
#include "test_http2_server.hpp"

using namespace rmvss::bridge;
using namespace rmvss::bridge::grpc;
using rmvss::test::ServerConfig;
using rmvss::test::TestHttp2Server;

namespace {

ClientOptions options_for(const TestHttp2Server& server) {
  ClientOptions options;
  options.host = "127.0.0.1";
  options.port = server.port();
  return options;
}

CallOptions with_timeout(int ms) {
  CallOptions options;
  options.timeout = std::chrono::milliseconds(ms);
  return options;
}

Bytes sample_request() {
  protobuf::Writer writer;
  writer.write_string(1, "{6b1d3a4e-0000-4000-8000-000000000001}");
  writer.write_varint(2, 3);
  return writer.take();
}

long long elapsed_ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

std::string header(const std::vector<hpack::HeaderField>& fields, const std::string& name) {
  for (const auto& f : fields)
    if (f.name == name) return f.value;
  return "<missing>";
}

}  // namespace

TEST("unary call succeeds and sends the gRPC request headers") {
  TestHttp2Server server;
  Client client(options_for(server));
  CallOptions options = with_timeout(8000);
  options.metadata = {{"authorization", "Bearer token-123"}, {"x-trace-bin", std::string("\x01\x02\xff", 3)}};
  const Bytes request = sample_request();
  CallResult result = client.call("/test.Echo/Unary", request, options);
  CHECK(result.ok());
  CHECK_EQ(result.failure, CallFailure::None);
  CHECK(result.response == request);
  const auto headers = server.last_request_headers();
  CHECK_EQ(header(headers, ":method"), std::string("POST"));
  CHECK_EQ(header(headers, ":scheme"), std::string("http"));
  CHECK_EQ(header(headers, ":path"), std::string("/test.Echo/Unary"));
  CHECK_EQ(header(headers, ":authority"), "127.0.0.1:" + std::to_string(server.port()));
  CHECK_EQ(header(headers, "content-type"), std::string("application/grpc"));
  CHECK_EQ(header(headers, "te"), std::string("trailers"));
  CHECK_EQ(header(headers, "authorization"), std::string("Bearer token-123"));
  CHECK_EQ(header(headers, "x-trace-bin"), std::string("AQL/"));
  const std::string timeout = header(headers, "grpc-timeout");
  CHECK(timeout.size() >= 2 && timeout.back() == 'm' && std::stoll(timeout.substr(0, timeout.size() - 1)) <= 8000 &&
        std::stoll(timeout.substr(0, timeout.size() - 1)) > 7000);
  bool saw_trailer = false;
  for (const auto& [key, value] : result.response_metadata) saw_trailer |= key == "x-trailer" && value == "done";
  CHECK(saw_trailer);
  // Several calls reuse one connection (and the server's HPACK dynamic table).
  for (int i = 0; i < 5; ++i) CHECK(client.call("/test.Echo/Unary", request, options).ok());
  CHECK_EQ(client.connections_opened(), std::uint64_t{1});
  CHECK(server.ping_acks_received() >= 1);
}

TEST("grpc-status error with percent-decoded message and details bytes") {
  TestHttp2Server server;
  Client client(options_for(server));
  CallResult result = client.call("/test.Echo/Fail", sample_request(), with_timeout(5000));
  CHECK(!result.ok());
  CHECK_EQ(result.failure, CallFailure::None);
  CHECK_EQ(result.status, StatusCode::NotFound);
  CHECK_EQ(result.message, std::string("snapshot set {42} not found: 100% \xc3\xbc"));
  CHECK(result.status_details == Bytes({0x08, 0x05, 0x12, 0x04, 'g', 'o', 'n', 'e', 0x00, 0xff}));
  CHECK(result.response.empty());

  CallResult late = client.call("/test.Echo/FailAfterHeaders", sample_request(), with_timeout(5000));
  CHECK_EQ(late.status, StatusCode::FailedPrecondition);
  CHECK_EQ(late.message, std::string("pair is not in PSUS"));

  CallResult unknown = client.call("/test.Echo/NoSuchMethod", sample_request(), with_timeout(5000));
  CHECK_EQ(unknown.status, StatusCode::Unimplemented);

  CallResult http404 = client.call("/test.Echo/Http404", sample_request(), with_timeout(5000));
  CHECK_EQ(http404.status, StatusCode::Unimplemented);
  CHECK_EQ(http404.failure, CallFailure::None);
  // All on one connection: errors are stream-level.
  CHECK_EQ(client.connections_opened(), std::uint64_t{1});
}

TEST("deadline exceeded when the server stalls; connection stays usable") {
  TestHttp2Server server;
  Client client(options_for(server));
  const auto start = std::chrono::steady_clock::now();
  CallResult result = client.call("/test.Echo/Stall", sample_request(), with_timeout(300));
  const long long ms = elapsed_ms(start);
  CHECK_EQ(result.failure, CallFailure::DeadlineExceeded);
  CHECK_EQ(result.status, StatusCode::DeadlineExceeded);
  CHECK(ms >= 290 && ms < 600);
  CallResult next = client.call("/test.Echo/Unary", sample_request(), with_timeout(2000));
  CHECK(next.ok());
  CHECK_EQ(client.connections_opened(), std::uint64_t{1});
  CHECK(server.rst_streams_received() >= 1);  // the stalled stream was cancelled
}

TEST("a server cancelling the stream as its grpc-timeout runs out is DEADLINE_EXCEEDED, not CANCELLED") {
  // grpc-java resets the stream (CANCEL) at the deadline it was sent; that can beat the client's own timer.
  TestHttp2Server server;
  Client client(options_for(server));
  for (int i = 0; i < 20; ++i) {
    CallResult result = client.call("/test.Echo/CancelAtGrpcTimeout", sample_request(), with_timeout(40));
    CHECK_EQ(result.status, StatusCode::DeadlineExceeded);
  }
  CHECK(client.call("/test.Echo/Unary", sample_request(), with_timeout(2000)).ok());
}

TEST("deadline exceeded while blocked on the server's flow-control window") {
  ServerConfig config;
  config.initial_window = 0;
  config.grant_window = false;
  TestHttp2Server server(config);
  Client client(options_for(server));
  const auto start = std::chrono::steady_clock::now();
  // More than the 65535 bytes the default windows allow before the server's SETTINGS arrive.
  CallResult result = client.call("/test.Echo/Unary", Bytes(200 * 1024, 1), with_timeout(300));
  const long long ms = elapsed_ms(start);
  CHECK_EQ(result.failure, CallFailure::DeadlineExceeded);
  CHECK(ms >= 290 && ms < 600);
}

TEST("deadline exceeded when a peer accepts TCP but never speaks HTTP/2") {
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::listen(listener, 4);
  socklen_t length = sizeof address;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  ClientOptions options;
  options.port = ntohs(address.sin_port);
  Client client(options);
  const auto start = std::chrono::steady_clock::now();
  CallResult result = client.call("/test.Echo/Unary", sample_request(), with_timeout(250));
  CHECK_EQ(result.failure, CallFailure::DeadlineExceeded);
  CHECK(elapsed_ms(start) < 550);
  ::close(listener);
}

TEST("a peer answering in HTTP/1.1 is a protocol error at once, not a deadline wait") {
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::listen(listener, 4);
  socklen_t length = sizeof address;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  std::thread http1([listener] {
    const int fd = ::accept(listener, nullptr, nullptr);
    const std::string reply = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
    ::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // keep the socket open: no EOF shortcut
    ::close(fd);
  });
  ClientOptions options;
  options.port = ntohs(address.sin_port);
  Client client(options);
  const auto start = std::chrono::steady_clock::now();
  CallResult result = client.call("/test.Echo/Unary", sample_request(), with_timeout(3000));
  CHECK_EQ(result.failure, CallFailure::Protocol);
  CHECK_EQ(result.status, StatusCode::Internal);
  CHECK(elapsed_ms(start) < 1000);
  http1.join();
  ::close(listener);
}

TEST("unavailable when nothing listens; connect bounded by the deadline") {
  std::uint16_t port;
  {
    TestHttp2Server server;  // learn a free port, then free it
    port = server.port();
  }
  ClientOptions options;
  options.port = port;
  Client client(options);
  const auto start = std::chrono::steady_clock::now();
  CallResult result = client.call("/test.Echo/Unary", sample_request(), with_timeout(2000));
  CHECK_EQ(result.failure, CallFailure::Unavailable);
  CHECK_EQ(result.status, StatusCode::Unavailable);
  CHECK(elapsed_ms(start) < 1000);

  // A non-routable address: whatever the network does with it (some sandboxes intercept
  // all outbound TCP), the call must not outlive its deadline.
  ClientOptions blackhole;
  blackhole.host = "10.255.255.1";
  blackhole.port = 9;
  Client unreachable(blackhole);
  const auto start2 = std::chrono::steady_clock::now();
  CallResult timed_out = unreachable.call("/test.Echo/Unary", sample_request(), with_timeout(200));
  std::printf("  non-routable address: %s (%s)\n", to_string(timed_out.failure), to_string(timed_out.status));
  CHECK(!timed_out.ok());
  CHECK(elapsed_ms(start2) < 450);
}

TEST("server closing mid-call yields unavailable; next call reconnects") {
  TestHttp2Server server;
  Client client(options_for(server));
  CallResult result = client.call("/test.Echo/CloseMidCall", sample_request(), with_timeout(3000));
  CHECK_EQ(result.failure, CallFailure::Unavailable);
  CHECK_EQ(result.status, StatusCode::Unavailable);
  CallResult next = client.call("/test.Echo/Unary", sample_request(), with_timeout(3000));
  CHECK(next.ok());
  CHECK_EQ(client.connections_opened(), std::uint64_t{2});
}

TEST("reconnect after the server restarts on the same port") {
  auto server = std::make_unique<TestHttp2Server>();
  const std::uint16_t port = server->port();
  ClientOptions options;
  options.port = port;
  Client client(options);
  CHECK(client.call("/test.Echo/Unary", sample_request(), with_timeout(3000)).ok());
  server->stop();
  server.reset();
  CallResult while_down = client.call("/test.Echo/Unary", sample_request(), with_timeout(1000));
  CHECK_EQ(while_down.failure, CallFailure::Unavailable);
  server = std::make_unique<TestHttp2Server>(ServerConfig{}, port);
  CallResult after = client.call("/test.Echo/Unary", sample_request(), with_timeout(3000));
  CHECK(after.ok());
  CHECK_EQ(client.connections_opened(), std::uint64_t{2});

  // A restart between two calls, without a call in between, is noticed before sending.
  server->stop();
  server = std::make_unique<TestHttp2Server>(ServerConfig{}, port);
  CHECK(client.call("/test.Echo/Unary", sample_request(), with_timeout(3000)).ok());
  CHECK_EQ(client.connections_opened(), std::uint64_t{3});
}

namespace {

// TCP, except that the Nth write from now fails as if the peer had silently gone away: the
// case an idle check cannot see (e.g. the peer host rebooted).
struct WriteFailures {
  int fail_write_number = 0;  // 0: never
  int writes_seen = 0;
};

class StaleTransport final : public Transport {
 public:
  StaleTransport(std::uint16_t port, WriteFailures& failures) : tcp_("127.0.0.1", port), failures_(failures) {}
  Status connect(const Deadline& d) override { return tcp_.connect(d); }
  Status write_all(const std::uint8_t* data, std::size_t size, const Deadline& d) override {
    if (failures_.fail_write_number > 0 && ++failures_.writes_seen == failures_.fail_write_number) {
      failures_.fail_write_number = 0;
      tcp_.close();
      return make_error(ErrorKind::Unavailable, "send: Connection reset by peer (simulated)");
    }
    return tcp_.write_all(data, size, d);
  }
  Result<std::size_t> read_some(std::uint8_t* b, std::size_t c, const Deadline& d) override { return tcp_.read_some(b, c, d); }
  bool readable_now() override { return tcp_.readable_now(); }
  void close() override { tcp_.close(); }
  std::string peer() const override { return tcp_.peer(); }

 private:
  TcpTransport tcp_;
  WriteFailures& failures_;
};

}  // namespace

TEST("stale reused connection failing before the request is complete is retried once") {
  TestHttp2Server server;
  WriteFailures failures;
  ClientOptions options = options_for(server);
  const std::uint16_t port = server.port();
  options.transport_factory = [port, &failures]() -> std::unique_ptr<Transport> {
    return std::make_unique<StaleTransport>(port, failures);
  };
  Client client(options);
  CHECK(client.call("/test.Echo/Unary", sample_request(), with_timeout(3000)).ok());
  for (int failing_write : {1, 2}) {  // 1: the HEADERS write, 2: the DATA write
    failures.fail_write_number = failing_write;
    failures.writes_seen = 0;
    CallResult result = client.call("/test.Echo/Unary", sample_request(), with_timeout(3000));
    CHECK(result.ok());
  }
  CHECK_EQ(client.connections_opened(), std::uint64_t{3});

  // On a fresh connection the same failure is reported, not retried.
  client.disconnect();
  failures.fail_write_number = 1;  // the preface write of the new connection
  failures.writes_seen = 0;
  CallResult fresh = client.call("/test.Echo/Unary", sample_request(), with_timeout(3000));
  CHECK_EQ(fresh.failure, CallFailure::Unavailable);
  CHECK_EQ(client.connections_opened(), std::uint64_t{3});
}

TEST("GOAWAY after a response: that call succeeds, the next uses a new connection") {
  TestHttp2Server server;
  Client client(options_for(server));
  CHECK(client.call("/test.Echo/GoAwayAfter", sample_request(), with_timeout(3000)).ok());
  CHECK(client.call("/test.Echo/Unary", sample_request(), with_timeout(3000)).ok());
  CHECK_EQ(client.connections_opened(), std::uint64_t{2});
}

TEST("stream refused by GOAWAY is retried transparently once") {
  ServerConfig config;
  config.refuse_streams = 1;
  TestHttp2Server server(config);
  Client client(options_for(server));
  CallResult result = client.call("/test.Echo/Unary", sample_request(), with_timeout(3000));
  CHECK(result.ok());
  CHECK_EQ(client.connections_opened(), std::uint64_t{2});
}

TEST("messages larger than 16 KiB cross many DATA frames and flow-control windows") {
  ServerConfig config;
  config.initial_window = 16384;  // the client must wait for WINDOW_UPDATE to send
  config.response_size_override = 300 * 1024;
  TestHttp2Server server(config);
  ClientOptions options = options_for(server);
  options.http2.stream_receive_window = 16384;  // the server must wait for ours
  options.http2.connection_receive_window = 65535;
  Client client(options);
  Bytes request(200 * 1024);
  for (std::size_t i = 0; i < request.size(); ++i) request[i] = static_cast<std::uint8_t>(i ^ (i >> 8));
  CallResult result = client.call("/test.Echo/Unary", request, with_timeout(10000));
  CHECK(result.ok());
  CHECK_EQ(result.response.size(), std::size_t{300 * 1024});
  bool content_ok = result.response.size() == 300 * 1024;
  for (std::size_t i = 0; content_ok && i < result.response.size(); ++i)
    content_ok = result.response[i] == static_cast<std::uint8_t>(i * 31 + 7);
  CHECK(content_ok);
  CHECK(server.data_frames_received() >= 13);    // 200 KiB in <= 16 KiB frames
  CHECK(server.window_updates_received() >= 10);  // the client credited what it consumed
}

TEST("early reply with RST_STREAM(NO_ERROR) during a large upload is a complete response") {
  ServerConfig config;
  config.initial_window = 16384;  // the upload blocks, so the early reply arrives mid-send
  TestHttp2Server server(config);
  Client client(options_for(server));
  CallResult result = client.call("/test.Echo/EarlyReply", Bytes(300 * 1024, 3), with_timeout(3000));
  CHECK(result.ok());
  CHECK(result.response == Bytes({'e', 'a', 'r', 'l', 'y'}));
  CHECK(client.call("/test.Echo/Unary", sample_request(), with_timeout(3000)).ok());
  CHECK_EQ(client.connections_opened(), std::uint64_t{1});
}

TEST("response above the receive limit is RESOURCE_EXHAUSTED") {
  ServerConfig config;
  config.response_size_override = 100 * 1024;
  TestHttp2Server server(config);
  ClientOptions options = options_for(server);
  options.max_receive_message_size = 64 * 1024;
  Client client(options);
  CallResult result = client.call("/test.Echo/Unary", sample_request(), with_timeout(3000));
  CHECK_EQ(result.status, StatusCode::ResourceExhausted);
  CHECK(client.call("/test.Echo/Fail", sample_request(), with_timeout(3000)).status == StatusCode::NotFound);
}

TEST("invalid metadata or method path is refused before connecting") {
  TestHttp2Server server;
  Client client(options_for(server));
  CallOptions bad_key = with_timeout(1000);
  bad_key.metadata = {{"Bad-Key", "x"}};
  CHECK_EQ(client.call("/test.Echo/Unary", {}, bad_key).failure, CallFailure::InvalidArgument);
  CallOptions reserved = with_timeout(1000);
  reserved.metadata = {{"grpc-timeout", "1S"}};
  CHECK_EQ(client.call("/test.Echo/Unary", {}, reserved).failure, CallFailure::InvalidArgument);
  CallOptions injected = with_timeout(1000);
  injected.metadata = {{"x-value", "a\r\nb"}};
  CHECK_EQ(client.call("/test.Echo/Unary", {}, injected).failure, CallFailure::InvalidArgument);
  CHECK_EQ(client.call("no-slash", {}, with_timeout(1000)).failure, CallFailure::InvalidArgument);
  CHECK_EQ(client.call("/a/b c", {}, with_timeout(1000)).failure, CallFailure::InvalidArgument);
  CHECK_EQ(client.connections_opened(), std::uint64_t{0});
  CHECK(client.call("/test.Echo/Unary", {}, with_timeout(1000)).ok());  // empty message is fine
}

TEST("a smaller SETTINGS_HEADER_TABLE_SIZE from the server is acknowledged by a size update") {
  ServerConfig config;
  config.header_table_size = 0;
  TestHttp2Server server(config);
  Client client(options_for(server));
  for (int i = 0; i < 3; ++i) CHECK(client.call("/test.Echo/Unary", sample_request(), with_timeout(3000)).ok());
  // The first call may go out before the server's SETTINGS arrive; the update follows as soon
  // as they are processed, and exactly once.
  CHECK_EQ(server.size_updates_received(), 1);
  CHECK_EQ(server.decode_errors(), 0);
}

TEST("grpc text helpers") {
  CHECK_EQ(format_grpc_timeout(8000), std::string("8000m"));
  CHECK_EQ(format_grpc_timeout(99999999), std::string("99999999m"));
  CHECK_EQ(format_grpc_timeout(100000000), std::string("100000S"));
  CHECK_EQ(percent_decode("a%20b%zz%4"), std::string("a b%zz%4"));
  CHECK_EQ(percent_encode("100% \n"), std::string("100%25 %0A"));
  const Bytes raw = {0, 1, 2, 3, 254, 255};
  for (bool padded : {false, true}) {
    auto decoded = base64_decode(base64_encode(raw.data(), raw.size(), padded));
    CHECK(decoded.ok() && decoded.value() == raw);
  }
  CHECK(!base64_decode("a$bc").ok());
  CHECK(!base64_decode("abcde").ok());
  CHECK(parse_status("14") == StatusCode::Unavailable);
  CHECK(parse_status("99") == StatusCode::Unknown);
  CHECK(!parse_status("1a").has_value());
}

TEST_MAIN("grpc_client_test")
