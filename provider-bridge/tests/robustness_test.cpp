// Deterministic robustness run for CI without clang: 100k random and mutated inputs per
// decoder (fixed seed, own PRNG so every platform generates the same inputs), through the
// same entry points as the libFuzzer targets. Passing means no crash, no hang, no broken
// round-trip invariant. `robustness_test --write-seeds DIR` writes libFuzzer seed corpora.
#include <sys/stat.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "fuzz_entry_points.hpp"
#include "test_harness.hpp"

using rmvss::bridge::Bytes;

namespace {

constexpr int kInputsPerDecoder = 100000;

class XorShift {
 public:
  explicit XorShift(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return state_;
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t state_;
};

Bytes mutate(const Bytes& seed, XorShift& rng) {
  Bytes input = seed;
  const int edits = 1 + static_cast<int>(rng.below(4));
  static const std::uint8_t kInteresting[] = {0x00, 0x01, 0x7f, 0x80, 0xff, 0x3f, 0x40, 0x10, 0x20, 0x0f};
  for (int e = 0; e < edits; ++e) {
    switch (rng.below(6)) {
      case 0:  // flip a bit
        if (!input.empty()) input[rng.below(input.size())] ^= static_cast<std::uint8_t>(1u << rng.below(8));
        break;
      case 1:  // set an interesting byte
        if (!input.empty()) input[rng.below(input.size())] = kInteresting[rng.below(sizeof kInteresting)];
        break;
      case 2:  // truncate
        input.resize(rng.below(input.size() + 1));
        break;
      case 3: {  // delete a range
        if (input.empty()) break;
        const std::size_t at = rng.below(input.size());
        const std::size_t n = std::min(input.size() - at, rng.below(16) + 1);
        input.erase(input.begin() + static_cast<std::ptrdiff_t>(at), input.begin() + static_cast<std::ptrdiff_t>(at + n));
        break;
      }
      case 4: {  // insert random bytes
        const std::size_t at = rng.below(input.size() + 1);
        const std::size_t n = rng.below(8) + 1;
        for (std::size_t i = 0; i < n; ++i)
          input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), static_cast<std::uint8_t>(rng.next()));
        break;
      }
      default: {  // duplicate a range (repeats frames, header fields)
        if (input.empty()) break;
        const std::size_t at = rng.below(input.size());
        const std::size_t n = std::min(input.size() - at, rng.below(64) + 1);
        Bytes copy(input.begin() + static_cast<std::ptrdiff_t>(at), input.begin() + static_cast<std::ptrdiff_t>(at + n));
        input.insert(input.begin() + static_cast<std::ptrdiff_t>(rng.below(input.size() + 1)), copy.begin(), copy.end());
      }
    }
  }
  return input;
}

void run(void (*entry)(const std::uint8_t*, std::size_t), const std::vector<Bytes>& seeds, std::uint64_t seed) {
  XorShift rng(seed);
  for (const Bytes& s : seeds) entry(s.data(), s.size());  // the seeds themselves must pass
  for (int i = 0; i < kInputsPerDecoder; ++i) {
    Bytes input;
    if (rng.below(4) == 0) {
      input.resize(rng.below(512));
      for (auto& b : input) b = static_cast<std::uint8_t>(rng.next());
    } else {
      input = mutate(seeds[rng.below(seeds.size())], rng);
    }
    entry(input.data(), input.size());
  }
}

}  // namespace

TEST("HPACK decoder: 100k random and mutated inputs") {
  run(rmvss::fuzz::hpack_decoder_input, rmvss::fuzz::hpack_seeds(), 0x9e3779b97f4a7c15ull);
}

TEST("HTTP/2 frames, client connection and gRPC client: 100k random and mutated inputs") {
  run(rmvss::fuzz::http2_frames_input, rmvss::fuzz::http2_seeds(), 0xd1b54a32d192ed03ull);
}

TEST("protobuf reader: 100k random and mutated inputs") {
  run(rmvss::fuzz::protobuf_reader_input, rmvss::fuzz::protobuf_seeds(), 0x8cb92ba72f3d8dd7ull);
}

TEST("VssProvider messages (LUNs, responses, google.rpc.Status/ProviderFault): 100k random and mutated inputs") {
  run(rmvss::fuzz::provider_messages_input, rmvss::fuzz::provider_message_seeds(), 0x94d049bb133111ebull);
}

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--write-seeds") == 0) {
    const std::string root = argv[2];
    const std::pair<const char*, std::vector<Bytes>> corpora[] = {
        {"hpack_decoder", rmvss::fuzz::hpack_seeds()},
        {"http2_frames", rmvss::fuzz::http2_seeds()},
        {"protobuf_reader", rmvss::fuzz::protobuf_seeds()},
        {"provider_messages", rmvss::fuzz::provider_message_seeds()}};
    ::mkdir(root.c_str(), 0755);
    for (const auto& [name, seeds] : corpora) {
      const std::string dir = root + "/" + name;
      ::mkdir(dir.c_str(), 0755);
      for (std::size_t i = 0; i < seeds.size(); ++i) {
        std::ofstream out(dir + "/seed" + std::to_string(i), std::ios::binary);
        out.write(reinterpret_cast<const char*>(seeds[i].data()), static_cast<std::streamsize>(seeds[i].size()));
      }
    }
    return 0;
  }
  return rmvss::test::run_all("robustness_test");
}
