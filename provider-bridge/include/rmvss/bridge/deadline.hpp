// A point in time after which an operation gives up; passed down to every blocking step so
// that a call never waits longer than its caller allowed.
#pragma once

#include <algorithm>
#include <chrono>
#include <climits>

namespace rmvss::bridge {

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  // Negative timeouts mean "already expired"; absurdly long ones are capped at ten years so
  // the clock arithmetic cannot overflow.
  static Deadline after(std::chrono::milliseconds timeout) {
    constexpr std::chrono::milliseconds kLongest = std::chrono::hours(24 * 365 * 10);
    return Deadline(Clock::now() + std::clamp(timeout, std::chrono::milliseconds(0), kLongest));
  }
  static Deadline at(Clock::time_point when) { return Deadline(when); }

  Clock::time_point when() const { return when_; }
  bool expired() const { return Clock::now() >= when_; }
  // Whole milliseconds left, rounded up so a nearly-expired deadline still waits a little.
  long long remaining_ms() const {
    const auto left = when_ - Clock::now();
    if (left <= Clock::duration::zero()) return 0;
    return std::chrono::duration_cast<std::chrono::milliseconds>(left + std::chrono::milliseconds(1) -
                                                                 Clock::duration(1)).count();
  }
  // A poll()/select() timeout in milliseconds, clamped to int.
  int wait_ms() const { return static_cast<int>(std::min<long long>(remaining_ms(), INT_MAX)); }

 private:
  explicit Deadline(Clock::time_point when) : when_(when) {}
  Clock::time_point when_;
};

}  // namespace rmvss::bridge
