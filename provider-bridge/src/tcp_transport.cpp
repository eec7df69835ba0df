#include "rmvss/bridge/tcp_transport.hpp"

#include <cerrno>
#include <cstring>

#ifdef _WIN32
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0601
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace rmvss::bridge {
namespace {

#ifdef _WIN32
int last_socket_error() { return WSAGetLastError(); }
bool is_would_block(int error) { return error == WSAEWOULDBLOCK; }
bool is_connect_pending(int error) { return error == WSAEWOULDBLOCK || error == WSAEINPROGRESS; }
bool is_interrupted(int error) { return error == WSAEINTR; }
std::string describe_error(int error) { return "Winsock error " + std::to_string(error); }
void close_native(NativeSocket s) { ::closesocket(static_cast<SOCKET>(s)); }
bool make_non_blocking(NativeSocket s) {
  u_long enabled = 1;
  return ::ioctlsocket(static_cast<SOCKET>(s), FIONBIO, &enabled) == 0;
}
constexpr int kSendFlags = 0;

Status ensure_winsock() {
  // A function-local static is initialised once, thread-safely, in every thread model.
  static const int startup_result = [] {
    WSADATA data;
    return ::WSAStartup(MAKEWORD(2, 2), &data);
  }();
  if (startup_result != 0) return make_error(ErrorKind::Internal, "WSAStartup failed: " + std::to_string(startup_result));
  return {};
}

// select() rather than WSAPoll: WSAPoll does not report a failed non-blocking connect on
// older Windows, which would turn "connection refused" into a deadline wait.
int wait_socket(NativeSocket s, bool for_write, int timeout_ms) {
  fd_set read_set, write_set, error_set;
  FD_ZERO(&read_set);
  FD_ZERO(&write_set);
  FD_ZERO(&error_set);
  FD_SET(static_cast<SOCKET>(s), for_write ? &write_set : &read_set);
  FD_SET(static_cast<SOCKET>(s), &error_set);
  timeval timeout{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  return ::select(0, &read_set, &write_set, &error_set, &timeout);
}
#else
int last_socket_error() { return errno; }
bool is_would_block(int error) { return error == EAGAIN || error == EWOULDBLOCK; }
bool is_connect_pending(int error) { return error == EINPROGRESS; }
bool is_interrupted(int error) { return error == EINTR; }
std::string describe_error(int error) { return std::strerror(error); }
void close_native(NativeSocket s) { ::close(s); }
bool make_non_blocking(NativeSocket s) {
  const int flags = ::fcntl(s, F_GETFL, 0);
  return flags >= 0 && ::fcntl(s, F_SETFL, flags | O_NONBLOCK) == 0;
}
#ifdef MSG_NOSIGNAL
constexpr int kSendFlags = MSG_NOSIGNAL;  // a closed peer must yield EPIPE, not SIGPIPE
#else
constexpr int kSendFlags = 0;
#endif
Status ensure_winsock() { return {}; }

int wait_socket(NativeSocket s, bool for_write, int timeout_ms) {
  pollfd entry{};
  entry.fd = s;
  entry.events = for_write ? POLLOUT : POLLIN;
  return ::poll(&entry, 1, timeout_ms);
}
#endif

// Waits until the socket is ready or the deadline passes; EINTR restarts with the time left.
Status wait_ready(NativeSocket s, bool for_write, const Deadline& deadline, const std::string& peer) {
  for (;;) {
    if (deadline.expired()) return make_error(ErrorKind::DeadlineExceeded, "deadline passed waiting for " + peer);
    const int ready = wait_socket(s, for_write, deadline.wait_ms());
    if (ready > 0) return {};
    if (ready < 0 && !is_interrupted(last_socket_error()))
      return make_error(ErrorKind::Unavailable, "waiting on socket to " + peer + ": " + describe_error(last_socket_error()));
  }
}

struct AddressList {
  addrinfo* head = nullptr;
  ~AddressList() {
    if (head != nullptr) ::freeaddrinfo(head);
  }
};

}  // namespace

Status TcpTransport::connect(const Deadline& deadline) {
  close();
  if (Status ready = ensure_winsock(); !ready) return ready;

  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_protocol = IPPROTO_TCP;
  hints.ai_flags = AI_NUMERICSERV;
  AddressList addresses;
  const std::string port_text = std::to_string(port_);
  const int resolved = ::getaddrinfo(host_.c_str(), port_text.c_str(), &hints, &addresses.head);
  if (resolved != 0) return make_error(ErrorKind::Unavailable, "cannot resolve " + host_ + ": error " + std::to_string(resolved));

  std::string last_failure = "no address for " + host_;
  for (addrinfo* address = addresses.head; address != nullptr; address = address->ai_next) {
    const auto s = static_cast<NativeSocket>(::socket(address->ai_family, address->ai_socktype, address->ai_protocol));
    if (s == kNoSocket) {
      last_failure = "socket(): " + describe_error(last_socket_error());
      continue;
    }
    if (!make_non_blocking(s)) {
      last_failure = "cannot make the socket non-blocking: " + describe_error(last_socket_error());
      close_native(s);
      continue;
    }
    const int no_delay = 1;  // requests are small and latency-bound
    ::setsockopt(s, IPPROTO_TCP, TCP_NODELAY, reinterpret_cast<const char*>(&no_delay), sizeof no_delay);
#ifdef SO_NOSIGPIPE
    const int no_sigpipe = 1;
    ::setsockopt(s, SOL_SOCKET, SO_NOSIGPIPE, &no_sigpipe, sizeof no_sigpipe);
#endif

    if (::connect(s, address->ai_addr, static_cast<socklen_t>(address->ai_addrlen)) != 0) {
      const int error = last_socket_error();
      if (!is_connect_pending(error)) {
        last_failure = "connect to " + peer() + ": " + describe_error(error);
        close_native(s);
        continue;
      }
      if (Status ready = wait_ready(s, true, deadline, peer()); !ready) {
        close_native(s);
        if (ready.error().kind == ErrorKind::DeadlineExceeded)
          return make_error(ErrorKind::DeadlineExceeded, "deadline passed connecting to " + peer());
        last_failure = ready.error().reason;
        continue;
      }
      int socket_error = 0;
      socklen_t length = sizeof socket_error;
      ::getsockopt(s, SOL_SOCKET, SO_ERROR, reinterpret_cast<char*>(&socket_error), &length);
      if (socket_error != 0) {
        last_failure = "connect to " + peer() + ": " + describe_error(socket_error);
        close_native(s);
        continue;
      }
    }
    socket_ = s;
    return {};
  }
  return make_error(ErrorKind::Unavailable, last_failure);
}

Status TcpTransport::write_all(const std::uint8_t* data, std::size_t size, const Deadline& deadline) {
  if (socket_ == kNoSocket) return make_error(ErrorKind::Unavailable, "not connected to " + peer());
  std::size_t written = 0;
  while (written < size) {
    const std::size_t chunk = std::min<std::size_t>(size - written, 1 << 20);
    const auto sent = ::send(socket_, reinterpret_cast<const char*>(data + written), static_cast<int>(chunk), kSendFlags);
    if (sent > 0) {
      written += static_cast<std::size_t>(sent);
      continue;
    }
    const int error = last_socket_error();
    if (sent < 0 && is_interrupted(error)) continue;
    if (sent < 0 && is_would_block(error)) {
      if (Status ready = wait_ready(socket_, true, deadline, peer()); !ready) return ready;
      continue;
    }
    return make_error(ErrorKind::Unavailable, "send to " + peer() + ": " + describe_error(error));
  }
  return {};
}

Result<std::size_t> TcpTransport::read_some(std::uint8_t* buffer, std::size_t capacity, const Deadline& deadline) {
  if (socket_ == kNoSocket) return make_error(ErrorKind::Unavailable, "not connected to " + peer());
  for (;;) {
    const auto received = ::recv(socket_, reinterpret_cast<char*>(buffer), static_cast<int>(capacity), 0);
    if (received >= 0) return static_cast<std::size_t>(received);
    const int error = last_socket_error();
    if (is_interrupted(error)) continue;
    if (!is_would_block(error)) return make_error(ErrorKind::Unavailable, "recv from " + peer() + ": " + describe_error(error));
    if (Status ready = wait_ready(socket_, false, deadline, peer()); !ready) return ready.error();
  }
}

bool TcpTransport::readable_now() {
  if (socket_ == kNoSocket) return true;
  return wait_socket(socket_, false, 0) != 0;
}

void TcpTransport::close() {
  if (socket_ != kNoSocket) {
    close_native(socket_);
    socket_ = kNoSocket;
  }
}

TransportFactory tcp_transport_factory(std::string host, std::uint16_t port) {
  return [host = std::move(host), port]() -> std::unique_ptr<Transport> {
    return std::make_unique<TcpTransport>(host, port);
  };
}

}  // namespace rmvss::bridge
