// rmvss-golden-writer DIR: writes the C++ golden messages (golden_messages.hpp) to DIR/<name>.bin
// and DIR/README.md. Run after a deliberate change of a golden value or of the encoding:
//   build/provider-bridge/rmvss-golden-writer proto/testdata/cpp
#include <cstdio>
#include <fstream>

#include "golden_messages.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  for (const auto& g : rmvss::golden::goldens()) {
    std::ofstream out(dir + "/" + g.name + ".bin", std::ios::binary);
    out.write(reinterpret_cast<const char*>(g.bytes.data()), static_cast<std::streamsize>(g.bytes.size()));
    if (!out) return 1;
  }
  std::ofstream readme(dir + "/README.md", std::ios::binary);
  readme << rmvss::golden::readme();
  return readme ? 0 : 1;
}
