// A minimal self-contained test harness: TEST cases register themselves, CHECKs record
// failures without aborting, and main prints "N passed, N failed" as CI expects.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace rmvss::test {

struct TestCase {
  const char* name;
  std::function<void()> body;
};

inline std::vector<TestCase>& registry() {
  static std::vector<TestCase> cases;
  return cases;
}
inline bool& current_failed() {
  static bool failed = false;
  return failed;
}

struct Registrar {
  Registrar(const char* name, std::function<void()> body) { registry().push_back({name, std::move(body)}); }
};

inline void report_failure(const char* file, int line, const std::string& what) {
  std::printf("  FAILED %s:%d: %s\n", file, line, what.c_str());
  current_failed() = true;
}

inline int run_all(const char* suite) {
  int passed = 0;
  int failed = 0;
  const auto suite_start = std::chrono::steady_clock::now();
  for (const TestCase& test : registry()) {
    current_failed() = false;
    const auto start = std::chrono::steady_clock::now();
    test.body();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s %s (%lld ms)\n", current_failed() ? "FAIL" : "ok  ", test.name, static_cast<long long>(ms));
    std::fflush(stdout);
    (current_failed() ? failed : passed)++;
  }
  const auto total_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - suite_start).count();
  std::printf("%s: %lld ms\n", suite, static_cast<long long>(total_ms));
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

inline std::string hex(const std::vector<std::uint8_t>& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) {
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 15]);
  }
  return out;
}

// Parses hex text, ignoring spaces, as the RFCs print their examples.
inline std::vector<std::uint8_t> from_hex(const std::string& text) {
  std::vector<std::uint8_t> out;
  int pending = -1;
  for (char c : text) {
    int v;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    else continue;
    if (pending < 0) {
      pending = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(pending * 16 + v));
      pending = -1;
    }
  }
  return out;
}

}  // namespace rmvss::test

#define RMVSS_CONCAT_INNER(a, b) a##b
#define RMVSS_CONCAT(a, b) RMVSS_CONCAT_INNER(a, b)
#define TEST(name)                                                                         \
  static void RMVSS_CONCAT(test_fn_, __LINE__)();                                          \
  static ::rmvss::test::Registrar RMVSS_CONCAT(test_reg_, __LINE__)(name, RMVSS_CONCAT(test_fn_, __LINE__)); \
  static void RMVSS_CONCAT(test_fn_, __LINE__)()

#define CHECK(...)                                                            \
  do {                                                                        \
    if (!(__VA_ARGS__)) ::rmvss::test::report_failure(__FILE__, __LINE__, #__VA_ARGS__);   \
  } while (0)

#define CHECK_EQ(actual, expected)                                                                \
  do {                                                                                            \
    const auto& check_actual_ = (actual);                                                         \
    const auto& check_expected_ = (expected);                                                     \
    if (!(check_actual_ == check_expected_))                                                      \
      ::rmvss::test::report_failure(__FILE__, __LINE__, #actual " == " #expected);                \
  } while (0)

#define TEST_MAIN(suite) \
  int main() { return ::rmvss::test::run_all(suite); }
