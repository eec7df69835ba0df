// A mutex that also exists under MinGW's win32 thread model, where GCC 12 has no
// std::mutex: an SRWLOCK on Windows, std::mutex elsewhere.
#pragma once

#ifndef _WIN32
#include <mutex>
#endif

namespace rmvss::bridge {

class Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock();
  void unlock();

 private:
#ifdef _WIN32
  void* srwlock_ = nullptr;  // SRWLOCK is one pointer; all-zero is SRWLOCK_INIT
#else
  std::mutex mutex_;
#endif
};

class ScopedLock {
 public:
  explicit ScopedLock(Mutex& mutex) : mutex_(mutex) { mutex_.lock(); }
  ~ScopedLock() { mutex_.unlock(); }
  ScopedLock(const ScopedLock&) = delete;
  ScopedLock& operator=(const ScopedLock&) = delete;

 private:
  Mutex& mutex_;
};

}  // namespace rmvss::bridge
