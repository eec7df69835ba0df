// libFuzzer target; see fuzz_entry_points.hpp.
#include <cstddef>
#include <cstdint>

#include "fuzz_entry_points.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rmvss::fuzz::provider_messages_input(data, size);
  return 0;
}
