// Interop against a real HTTP/2 peer: nghttpd (Debian package nghttp2-server) over
// cleartext HTTP/2. Exercises our preface, SETTINGS, HPACK (nghttpd Huffman-codes and
// indexes its response headers), CONTINUATION-free header blocks, both directions of flow
// control against 16 KiB windows, trailers, and the gRPC client's handling of a real peer.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "rmvss/bridge/grpc_client.hpp"
#include "rmvss/bridge/grpc_framing.hpp"
#include "rmvss/bridge/http2_connection.hpp"
#include "rmvss/bridge/tcp_transport.hpp"
#include "test_harness.hpp"

extern char** environ;

using namespace rmvss::bridge;
using hpack::HeaderField;

namespace {

std::string g_nghttpd;
std::string g_docroot;
std::uint16_t g_port = 0;
Bytes g_file;

std::uint16_t free_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(s);
  return ntohs(address.sin_port);
}

struct NghttpdProcess {
  pid_t pid = -1;
  ~NghttpdProcess() {
    if (pid > 0) {
      ::kill(pid, SIGTERM);
      int status = 0;
      ::waitpid(pid, &status, 0);
    }
  }
};

bool start_nghttpd(NghttpdProcess& process) {
  g_port = free_port();
  const std::string port = std::to_string(g_port);
  // -w 14: 16 KiB windows, so our sends must honour nghttpd's flow control.
  std::vector<std::string> args = {g_nghttpd, "--no-tls", "-a", "127.0.0.1", "-d", g_docroot, "-w", "14",
                                   "--echo-upload", "--trailer", "grpc-status: 0", "--trailer",
                                   "grpc-message: echo%20from%20nghttpd", port};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  const int spawned = posix_spawn(&process.pid, g_nghttpd.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return false;
  for (int attempt = 0; attempt < 100; ++attempt) {  // up to 5 s for it to listen
    TcpTransport probe("127.0.0.1", g_port);
    if (probe.connect(Deadline::after(std::chrono::milliseconds(100)))) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

struct Response {
  std::string status;
  std::vector<HeaderField> headers;
  std::vector<HeaderField> trailers;
  Bytes body;
  std::string error;
};

Response exchange(http2::Connection& connection, const std::vector<HeaderField>& headers, const Bytes* body) {
  Response response;
  const Deadline deadline = Deadline::after(std::chrono::seconds(10));
  auto id = connection.start_stream(headers, body == nullptr, deadline);
  if (!id) {
    response.error = id.error().reason;
    return response;
  }
  if (body != nullptr) {
    if (Status sent = connection.send_data(id.value(), body->data(), body->size(), true, deadline); !sent) {
      response.error = sent.error().reason;
      return response;
    }
  }
  while (!connection.stream(id.value())->finished()) {
    if (Status read = connection.read_and_process(deadline); !read) {
      response.error = read.error().reason;
      return response;
    }
  }
  const http2::StreamState& state = *connection.stream(id.value());
  response.headers = state.headers;
  response.trailers = state.trailers;
  response.body = state.data;
  for (const auto& f : state.headers)
    if (f.name == ":status") response.status = f.value;
  if (state.reset_code) response.error = "stream reset";
  connection.release_stream(id.value());
  return response;
}

std::vector<HeaderField> request_headers(const std::string& method, const std::string& path) {
  return {{":method", method}, {":scheme", "http"}, {":path", path},
          {":authority", "127.0.0.1:" + std::to_string(g_port)}, {"user-agent", "rmvss-interop"}};
}

std::string find(const std::vector<HeaderField>& fields, const std::string& name) {
  for (const auto& f : fields)
    if (f.name == name) return f.value;
  return "<missing>";
}

}  // namespace

TEST("GET a 300 KB file repeatedly on one connection with a 16 KiB receive window") {
  http2::ConnectionSettings settings;
  settings.stream_receive_window = 16384;
  settings.connection_receive_window = 65535;
  http2::Connection connection(std::make_unique<TcpTransport>("127.0.0.1", g_port), settings);
  CHECK(connection.open(Deadline::after(std::chrono::seconds(5))).ok());
  for (int round = 0; round < 3; ++round) {
    Response response = exchange(connection, request_headers("GET", "/big.bin"), nullptr);
    if (!response.error.empty()) std::printf("  error: %s\n", response.error.c_str());
    CHECK(response.error.empty());
    CHECK_EQ(response.status, std::string("200"));
    CHECK_EQ(find(response.headers, "content-length"), std::to_string(g_file.size()));
    CHECK(find(response.headers, "server").rfind("nghttpd", 0) == 0);
    CHECK(response.body == g_file);
  }
  CHECK(connection.usable());
}

TEST("GET a missing file is 404") {
  http2::Connection connection(std::make_unique<TcpTransport>("127.0.0.1", g_port));
  CHECK(connection.open(Deadline::after(std::chrono::seconds(5))).ok());
  Response response = exchange(connection, request_headers("GET", "/no-such-file"), nullptr);
  CHECK(response.error.empty());
  CHECK_EQ(response.status, std::string("404"));
}

TEST("POST 200 KB is echoed back under nghttpd's 16 KiB windows, with trailers") {
  http2::Connection connection(std::make_unique<TcpTransport>("127.0.0.1", g_port));
  CHECK(connection.open(Deadline::after(std::chrono::seconds(5))).ok());
  Bytes body(200 * 1024);
  for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<std::uint8_t>(i * 13 + (i >> 10));
  for (int round = 0; round < 2; ++round) {
    Response response = exchange(connection, request_headers("POST", "/echo"), &body);
    if (!response.error.empty()) std::printf("  error: %s\n", response.error.c_str());
    CHECK_EQ(response.status, std::string("200"));
    CHECK(response.body == body);
    CHECK_EQ(find(response.trailers, "grpc-status"), std::string("0"));
  }
}

TEST("gRPC client against nghttpd: full exchange, spec-correct verdict on content-type") {
  grpc::ClientOptions options;
  options.port = g_port;
  grpc::Client client(options);
  grpc::CallOptions call;
  call.timeout = std::chrono::milliseconds(5000);
  call.metadata = {{"authorization", "Bearer interop"}};
  const Bytes request(100 * 1024, 0x5a);
  grpc::CallResult result = client.call("/rmvss.v1.Provider/Echo", request, call);
  // nghttpd echoes the framed request and adds our trailers but no content-type, which
  // gRPC requires: the client must say UNKNOWN rather than accept it.
  CHECK_EQ(result.failure, grpc::CallFailure::None);
  CHECK_EQ(result.status, grpc::StatusCode::Unknown);
  bool saw_status = false, saw_length = false;
  for (const auto& [key, value] : result.response_metadata) {
    saw_status |= key == "grpc-status" && value == "0";
    saw_length |= key == "content-length" && value == std::to_string(request.size() + grpc::kMessagePrefixSize);
  }
  CHECK(saw_status && saw_length);
  CHECK_EQ(client.connections_opened(), std::uint64_t{1});
}

int main(int argc, char** argv) {
  g_nghttpd = argc > 1 ? argv[1] : "";
  if (g_nghttpd.empty() || ::access(g_nghttpd.c_str(), X_OK) != 0) {
    std::printf("nghttpd not found: install the Debian package nghttp2-server "
                "(or configure with -DRMVSS_INTEROP_TESTS=OFF)\n0 passed, 1 failed\n");
    return 1;
  }
  char docroot_template[] = "/tmp/rmvss-nghttpd-XXXXXX";
  if (::mkdtemp(docroot_template) == nullptr) return 1;
  g_docroot = docroot_template;
  g_file.resize(300 * 1000);
  std::uint32_t x = 12345;
  for (auto& b : g_file) {
    x = x * 1103515245u + 12345u;
    b = static_cast<std::uint8_t>(x >> 24);
  }
  {
    std::ofstream out(g_docroot + "/big.bin", std::ios::binary);
    out.write(reinterpret_cast<const char*>(g_file.data()), static_cast<std::streamsize>(g_file.size()));
  }
  int exit_code = 1;
  {
    NghttpdProcess process;
    if (!start_nghttpd(process)) {
      std::printf("could not start %s\n0 passed, 1 failed\n", g_nghttpd.c_str());
    } else {
      exit_code = rmvss::test::run_all("nghttpd_interop_test");
    }
  }
  std::remove((g_docroot + "/big.bin").c_str());
  ::rmdir(g_docroot.c_str());
  return exit_code;
}
