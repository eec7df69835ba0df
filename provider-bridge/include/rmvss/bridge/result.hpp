// Errors as values: nothing in this library throws across its public API, because the
// provider DLL must never let an exception escape into COM.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace rmvss::bridge {

// What went wrong, coarse enough that the DLL can map each kind to a VSS-legal HRESULT.
enum class ErrorKind {
  Protocol,          // the peer sent something that breaks HTTP/2, HPACK, gRPC or protobuf rules
  Unavailable,       // could not connect, connection lost, peer went away
  DeadlineExceeded,  // the call's deadline passed
  InvalidArgument,   // the caller asked for something we refuse to send
  Internal,          // a local failure (out of memory, socket API misbehaving)
};

const char* to_string(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::Protocol;
  std::string reason;
};

inline Error make_error(ErrorKind kind, std::string reason) { return Error{kind, std::move(reason)}; }
inline Error protocol_error(std::string reason) { return Error{ErrorKind::Protocol, std::move(reason)}; }

// Either a value or an Error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  // On a temporary Result the value is moved out, so `f().value()` never dangles.
  T value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  const Error& error() const { return error_; }

 private:
  std::optional<T> value_;
  Error error_;
};

// Success or an Error, for operations without a value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : failed_(true), error_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return error_; }

 private:
  bool failed_ = false;
  Error error_;
};

}  // namespace rmvss::bridge
