// A tiny HTTP/2 gRPC server for tests, built from the bridge's own frame and HPACK code and
// run on a thread over loopback TCP. Its behaviour is chosen by the request's :path.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <map>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "rmvss/bridge/grpc_framing.hpp"
#include "rmvss/bridge/grpc_text.hpp"
#include "rmvss/bridge/hpack_decoder.hpp"
#include "rmvss/bridge/hpack_encoder.hpp"
#include "rmvss/bridge/http2_frame_parser.hpp"
#include "rmvss/bridge/http2_header_block.hpp"

namespace rmvss::test {

using namespace rmvss::bridge;
using namespace rmvss::bridge::http2;
using hpack::HeaderField;

// A scripted unary answer (ServerConfig::handler): grpc-status, message, details, response.
struct ScriptedAnswer {
  int status = 0;
  std::string message;
  Bytes details;   // grpc-status-details-bin (raw; base64-encoded on the wire)
  Bytes response;  // the response message when status is 0
};

struct ServerConfig {
  // Called for every request first; returning true answers with `answer` (any path).
  std::function<bool(const std::string& path, const Bytes& request, ScriptedAnswer& answer)> handler;
  std::uint32_t initial_window = 65535;  // SETTINGS_INITIAL_WINDOW_SIZE the server advertises
  bool grant_window = true;              // send WINDOW_UPDATE as request data is consumed
  int refuse_streams = 0;                // answer this many first streams with GOAWAY(last=0)
  std::size_t response_size_override = 0;  // Echo: reply with this many bytes instead
  std::uint32_t header_table_size = 4096;  // SETTINGS_HEADER_TABLE_SIZE the server advertises
};

class TestHttp2Server {
 public:
  explicit TestHttp2Server(ServerConfig config = {}, std::uint16_t port = 0) : config_(config) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    const int reuse = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener_, 8) != 0) {
      std::perror("test server bind/listen");
    }
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~TestHttp2Server() { stop(); }

  void stop() {
    if (stopping_.exchange(true)) return;
    thread_.join();
    ::close(listener_);
  }

  std::uint16_t port() const { return port_; }
  int connections_accepted() const { return connections_accepted_; }
  int window_updates_received() const { return window_updates_received_; }
  int data_frames_received() const { return data_frames_received_; }
  int rst_streams_received() const { return rst_streams_received_; }
  int ping_acks_received() const { return ping_acks_received_; }
  int size_updates_received() const { return size_updates_received_; }
  int decode_errors() const { return decode_errors_; }
  std::vector<HeaderField> last_request_headers() {
    std::lock_guard<std::mutex> lock(mutex_);
    return last_request_headers_;
  }

 private:
  struct Stream {
    std::vector<HeaderField> headers;
    Bytes data;
    std::int64_t send_window = 65535;
    Bytes pending_data;        // response DATA payload still to send
    std::vector<HeaderField> pending_trailers;
    bool responding = false;
    bool done = false;
    std::chrono::steady_clock::time_point received;  // when its HEADERS arrived (the server's deadline starts)
  };

  struct Session {
    int fd = -1;
    FrameParser parser{kDefaultMaxFrameSize, true};
    HeaderBlockAssembler blocks;
    hpack::Decoder decoder;
    hpack::Encoder encoder{hpack::EncoderOptions{true, true}};  // exercise the client's dynamic table
    std::map<std::uint32_t, Stream> streams;
    std::int64_t connection_send_window = 65535;
    std::uint32_t client_initial_window = 65535;
    std::uint32_t client_max_frame = kDefaultMaxFrameSize;
    Bytes out;
    bool closed = false;
  };

  void run() {
    while (!stopping_) {
      pollfd entry{listener_, POLLIN, 0};
      if (::poll(&entry, 1, 20) <= 0) continue;
      const int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) continue;
      ++connections_accepted_;
      serve(fd);
      ::close(fd);
    }
  }

  static bool write_all(int fd, const Bytes& bytes) {
    std::size_t written = 0;
    while (written < bytes.size()) {
      const ssize_t n = ::send(fd, bytes.data() + written, bytes.size() - written, MSG_NOSIGNAL);
      if (n <= 0) return false;
      written += static_cast<std::size_t>(n);
    }
    return true;
  }

  void serve(int fd) {
    Session session;
    session.fd = fd;
    session.decoder = hpack::Decoder(hpack::DecoderLimits{config_.header_table_size, 256 * 1024});
    append_settings_frame(session.out, {{static_cast<std::uint16_t>(SettingId::HeaderTableSize), config_.header_table_size},
                                        {static_cast<std::uint16_t>(SettingId::InitialWindowSize), config_.initial_window},
                                        {static_cast<std::uint16_t>(SettingId::MaxConcurrentStreams), 100}});
    append_ping_frame(session.out, PingData{'r', 'm', 'v', 's', 's', 0, 0, 1}, false);
    std::uint8_t buffer[16384];
    while (!stopping_ && !session.closed) {
      if (!session.out.empty()) {
        if (!write_all(fd, session.out)) return;
        session.out.clear();
      }
      pollfd entry{fd, POLLIN, 0};
      if (::poll(&entry, 1, 20) <= 0) continue;
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) return;
      session.parser.feed(buffer, static_cast<std::size_t>(n));
      for (;;) {
        auto frame = session.parser.next();
        if (!frame || !frame.value()) break;
        handle_frame(session, *frame.value());
        if (session.closed) break;
      }
      pump(session);
    }
    if (!session.out.empty()) write_all(fd, session.out);
  }

  void handle_frame(Session& s, const Frame& frame) {
    if (s.blocks.wants(frame)) {
      auto block = s.blocks.accept(frame);
      if (!block || !block.value()) return;
      const Bytes& fragment = block.value()->fragment;
      if (!fragment.empty() && (fragment[0] & 0xe0) == 0x20) ++size_updates_received_;
      auto fields = s.decoder.decode(fragment.data(), fragment.size());
      if (!fields) {
        ++decode_errors_;
        return;
      }
      Stream& stream = s.streams[block.value()->stream_id];
      stream.send_window = s.client_initial_window;
      stream.headers = fields.value();
      stream.received = std::chrono::steady_clock::now();
      {
        std::lock_guard<std::mutex> lock(mutex_);
        last_request_headers_ = fields.value();
      }
      if (block.value()->end_stream) {
        respond(s, block.value()->stream_id, stream);
      } else if (path_of(stream) == "/test.Echo/EarlyReply") {
        // Answer before the request body arrives, then stop the upload with NO_ERROR, as
        // RFC 9113 section 8.1 allows.
        const std::uint32_t id = block.value()->stream_id;
        send_headers(s, id, {{":status", "200"}, {"content-type", "application/grpc"}}, false);
        const Bytes early = {'e', 'a', 'r', 'l', 'y'};
        Bytes message;
        grpc::append_message(message, early.data(), early.size());
        append_data_frame(s.out, id, message.data(), message.size(), false);
        send_headers(s, id, {{"grpc-status", "0"}}, true);
        append_rst_stream_frame(s.out, id, ErrorCode::NoError);
        s.streams.erase(id);
      }
      return;
    }
    switch (frame.type()) {
      case FrameType::Settings: {
        auto settings = parse_settings(frame);
        if (!settings || frame.has_flag(flag::kAck)) return;
        for (const Setting& setting : settings.value()) {
          if (setting.id == static_cast<std::uint16_t>(SettingId::InitialWindowSize)) s.client_initial_window = setting.value;
          if (setting.id == static_cast<std::uint16_t>(SettingId::MaxFrameSize)) s.client_max_frame = setting.value;
        }
        append_settings_ack(s.out);
        return;
      }
      case FrameType::Ping:
        if (frame.has_flag(flag::kAck)) {
          ++ping_acks_received_;
        } else if (auto ping = parse_ping(frame)) {
          append_ping_frame(s.out, ping.value(), true);
        }
        return;
      case FrameType::WindowUpdate: {
        ++window_updates_received_;
        auto increment = parse_window_update(frame);
        if (!increment) return;
        if (frame.header.stream_id == 0) s.connection_send_window += increment.value();
        else if (s.streams.count(frame.header.stream_id)) s.streams[frame.header.stream_id].send_window += increment.value();
        return;
      }
      case FrameType::RstStream:
        ++rst_streams_received_;
        s.streams.erase(frame.header.stream_id);
        return;
      case FrameType::Data: {
        ++data_frames_received_;
        auto payload = parse_data(frame);
        if (!payload) return;
        // Connection-level credit is due even for streams already closed.
        if (config_.grant_window && frame.header.length > 0) append_window_update_frame(s.out, 0, frame.header.length);
        auto found = s.streams.find(frame.header.stream_id);
        if (found == s.streams.end()) return;
        append_bytes(found->second.data, payload->data, payload->size);
        if (config_.grant_window && frame.header.length > 0 && !frame.has_flag(flag::kEndStream))
          append_window_update_frame(s.out, frame.header.stream_id, frame.header.length);
        if (frame.has_flag(flag::kEndStream)) respond(s, frame.header.stream_id, found->second);
        return;
      }
      default:
        return;
    }
  }

  static std::string path_of(const Stream& stream) {
    for (const HeaderField& f : stream.headers)
      if (f.name == ":path") return f.value;
    return "";
  }

  void send_headers(Session& s, std::uint32_t id, const std::vector<HeaderField>& fields, bool end_stream) {
    Bytes block;
    s.encoder.encode(fields, block);
    append_header_frames(s.out, id, block, end_stream, s.client_max_frame);
  }

  void respond(Session& s, std::uint32_t id, Stream& stream) {
    if (refused_ < config_.refuse_streams) {
      ++refused_;
      append_goaway_frame(s.out, 0, ErrorCode::NoError, "refusing for the test");
      write_all(s.fd, s.out);
      s.out.clear();
      s.closed = true;
      return;
    }
    const std::string path = path_of(stream);
    const std::vector<HeaderField> ok_headers = {{":status", "200"}, {"content-type", "application/grpc"},
                                                 {"x-served-by", "test-server"}};
    auto messages = grpc::split_messages(stream.data.data(), stream.data.size(), 1 << 30);
    const Bytes request = messages.messages.empty() ? Bytes{} : messages.messages[0];

    ScriptedAnswer scripted;
    if (config_.handler && config_.handler(path, request, scripted)) {
      if (scripted.status == 0) {
        send_headers(s, id, ok_headers, false);
        grpc::append_message(stream.pending_data, scripted.response.data(), scripted.response.size());
        stream.pending_trailers = {{"grpc-status", "0"}};
        stream.responding = true;
        pump(s);
      } else {
        std::vector<HeaderField> h = {{":status", "200"}, {"content-type", "application/grpc"},
                                      {"grpc-status", std::to_string(scripted.status)},
                                      {"grpc-message", grpc::percent_encode(scripted.message)}};
        if (!scripted.details.empty())
          h.push_back({"grpc-status-details-bin", grpc::base64_encode(scripted.details.data(), scripted.details.size())});
        send_headers(s, id, h, true);
        stream.done = true;
      }
    } else if (path == "/test.Echo/Unary" || path == "/test.Echo/GoAwayAfter") {
      send_headers(s, id, ok_headers, false);
      Bytes reply = request;
      if (config_.response_size_override) {
        reply.resize(config_.response_size_override);
        for (std::size_t i = 0; i < reply.size(); ++i) reply[i] = static_cast<std::uint8_t>(i * 31 + 7);
      }
      grpc::append_message(stream.pending_data, reply.data(), reply.size());
      stream.pending_trailers = {{"grpc-status", "0"}, {"x-trailer", "done"}};
      stream.responding = true;
      pump(s);
      if (path == "/test.Echo/GoAwayAfter") append_goaway_frame(s.out, id, ErrorCode::NoError, "going away");
    } else if (path == "/test.Echo/CancelAtGrpcTimeout") {
      // What grpc-java does when the grpc-timeout it was given runs out: RST_STREAM(CANCEL), no trailers.
      const std::string* timeout = nullptr;
      for (const HeaderField& f : stream.headers)
        if (f.name == "grpc-timeout") timeout = &f.value;
      const long long ms = timeout && !timeout->empty() && timeout->back() == 'm' ? std::stoll(timeout->substr(0, timeout->size() - 1)) : 0;
      std::this_thread::sleep_until(stream.received + std::chrono::milliseconds(ms));
      append_rst_stream_frame(s.out, id, ErrorCode::Cancel);
      stream.done = true;
    } else if (path == "/test.Echo/Fail") {
      const std::string details = std::string("\x08\x05\x12\x04gone\x00\xff", 10);
      send_headers(s, id,
                   {{":status", "200"}, {"content-type", "application/grpc"}, {"grpc-status", "5"},
                    {"grpc-message", grpc::percent_encode("snapshot set {42} not found: 100% \xc3\xbc")},
                    {"grpc-status-details-bin",
                     grpc::base64_encode(reinterpret_cast<const std::uint8_t*>(details.data()), details.size())}},
                   true);
      stream.done = true;
    } else if (path == "/test.Echo/FailAfterHeaders") {
      send_headers(s, id, ok_headers, false);
      send_headers(s, id, {{"grpc-status", "9"}, {"grpc-message", "pair is not in PSUS"}}, true);
      stream.done = true;
    } else if (path == "/test.Echo/Http404") {
      send_headers(s, id, {{":status", "404"}, {"content-type", "text/plain"}}, true);
      stream.done = true;
    } else if (path == "/test.Echo/CloseMidCall") {
      send_headers(s, id, ok_headers, false);
      const Bytes partial = {0, 0, 0, 1, 0, 'x', 'y'};  // prefix promises 256 bytes, 2 follow
      append_data_frame(s.out, id, partial.data(), partial.size(), false);
      write_all(s.fd, s.out);
      s.out.clear();
      s.closed = true;
    } else if (path == "/test.Echo/Stall") {
      // Never answer.
    } else {
      send_headers(s, id, {{":status", "200"}, {"content-type", "application/grpc"}, {"grpc-status", "12"},
                           {"grpc-message", "unknown method " + path}}, true);
      stream.done = true;
    }
  }

  // Sends pending response DATA within the client's windows, then the trailers.
  void pump(Session& s) {
    for (auto& [id, stream] : s.streams) {
      if (!stream.responding || stream.done) continue;
      while (!stream.pending_data.empty()) {
        const std::int64_t window = std::min(s.connection_send_window, stream.send_window);
        if (window <= 0) break;
        const std::size_t chunk = std::min<std::size_t>({stream.pending_data.size(), static_cast<std::size_t>(window),
                                                         s.client_max_frame});
        append_data_frame(s.out, id, stream.pending_data.data(), chunk, false);
        stream.pending_data.erase(stream.pending_data.begin(), stream.pending_data.begin() + static_cast<std::ptrdiff_t>(chunk));
        s.connection_send_window -= static_cast<std::int64_t>(chunk);
        stream.send_window -= static_cast<std::int64_t>(chunk);
      }
      if (stream.pending_data.empty()) {
        send_headers(s, id, stream.pending_trailers, true);
        stream.done = true;
      }
    }
  }

  ServerConfig config_;
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_accepted_{0};
  std::atomic<int> window_updates_received_{0};
  std::atomic<int> data_frames_received_{0};
  std::atomic<int> rst_streams_received_{0};
  std::atomic<int> ping_acks_received_{0};
  std::atomic<int> size_updates_received_{0};
  std::atomic<int> decode_errors_{0};
  int refused_ = 0;
  std::mutex mutex_;
  std::vector<HeaderField> last_request_headers_;
};

}  // namespace rmvss::test
