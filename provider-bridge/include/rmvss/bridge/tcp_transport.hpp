// Transport over a TCP socket: POSIX sockets on Linux, Winsock 2 under MinGW. Sockets are
// non-blocking and every wait is bounded by the caller's deadline.
#pragma once

#include <cstdint>
#include <string>

#include "rmvss/bridge/transport.hpp"

namespace rmvss::bridge {

#ifdef _WIN32
using NativeSocket = std::uintptr_t;  // SOCKET
#else
using NativeSocket = int;
#endif

class TcpTransport final : public Transport {
 public:
  TcpTransport(std::string host, std::uint16_t port) : host_(std::move(host)), port_(port) {}
  ~TcpTransport() override { close(); }
  TcpTransport(const TcpTransport&) = delete;
  TcpTransport& operator=(const TcpTransport&) = delete;

  // Name resolution (getaddrinfo) is not bounded by the deadline; give a numeric address
  // where that matters.
  Status connect(const Deadline& deadline) override;
  Status write_all(const std::uint8_t* data, std::size_t size, const Deadline& deadline) override;
  Result<std::size_t> read_some(std::uint8_t* buffer, std::size_t capacity, const Deadline& deadline) override;
  bool readable_now() override;
  void close() override;
  std::string peer() const override { return host_ + ":" + std::to_string(port_); }

 private:
  std::string host_;
  std::uint16_t port_;
  NativeSocket socket_ = kNoSocket;

#ifdef _WIN32
  static constexpr NativeSocket kNoSocket = ~NativeSocket{0};  // INVALID_SOCKET
#else
  static constexpr NativeSocket kNoSocket = -1;
#endif
};

TransportFactory tcp_transport_factory(std::string host, std::uint16_t port);

}  // namespace rmvss::bridge
