#include "rmvss/bridge/mutex.hpp"

#ifdef _WIN32
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0601
#endif
#include <windows.h>
#endif

namespace rmvss::bridge {

#ifdef _WIN32
static_assert(sizeof(SRWLOCK) == sizeof(void*), "SRWLOCK must be pointer-sized");
void Mutex::lock() { AcquireSRWLockExclusive(reinterpret_cast<PSRWLOCK>(&srwlock_)); }
void Mutex::unlock() { ReleaseSRWLockExclusive(reinterpret_cast<PSRWLOCK>(&srwlock_)); }
#else
void Mutex::lock() { mutex_.lock(); }
void Mutex::unlock() { mutex_.unlock(); }
#endif

}  // namespace rmvss::bridge
