// The C++ codec against the contract and against Java, so the two cannot drift:
//  1. proto/rmvss/v1/*.proto (admin.proto aside: the DLL does not use ProviderAdmin) parsed line by
//     line: every message, field (label, type, name, number) and rpc must equal the codec's own
//     table (message_table(), rpc_table()), both ways.
//  2. proto/testdata/cpp/*.bin and README.md equal what the codec writes for golden_messages.hpp.
//  3. proto/testdata/*.bin, written by the Java side: every file decodes as the message its name
//     says and re-encodes to the same bytes (Java writes fields in number order, as we do, so any
//     field the C++ side drops or mis-types shows); the files listed in java_expectations() are
//     checked field by field against proto/testdata/README.md's values. With
//     RMVSS_JAVA_GOLDENS_REQUIRED (set once the Java side's files are on main) missing files fail.
// Usage: proto_contract_test <repo>/proto
#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "golden_messages.hpp"
#include "golden_registry.hpp"
#include "test_harness.hpp"

using namespace rmvss::bridge;
namespace pbm = rmvss::bridge::pb;

namespace {

std::string g_proto_dir;

std::string read_text(const std::string& path, bool* ok = nullptr) {
  std::ifstream in(path, std::ios::binary);
  if (ok) *ok = static_cast<bool>(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
Bytes read_bytes(const std::string& path, bool* ok = nullptr) {
  std::string t = read_text(path, ok);
  return Bytes(t.begin(), t.end());
}
std::vector<std::string> list(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0) out.push_back(n);
    }
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct ProtoContract {
  std::map<std::string, std::string> fields;  // "Message.field" -> "optional bytes = 6"
  std::set<std::string> messages;
  std::map<std::string, std::string> rpcs;  // name -> "Req -> Resp"
};

ProtoContract parse_proto(const std::string& text, ProtoContract& c, const std::string& file) {
  static const std::regex message_re(R"(^\s*message\s+(\w+)\s*\{(.*)$)");
  static const std::regex field_re(R"(^\s*((?:optional|repeated)\s+)?([\w.]+)\s+(\w+)\s*=\s*(\d+)\s*;)");
  static const std::regex rpc_re(R"(^\s*rpc\s+(\w+)\s*\(\s*([\w.]+)\s*\)\s*returns\s*\(\s*([\w.]+)\s*\))");
  std::istringstream in(text);
  std::string line, current;
  int depth = 0;
  while (std::getline(in, line)) {
    std::string code = line.substr(0, line.find("//"));
    std::smatch m;
    if (std::regex_search(code, m, message_re)) {
      CHECK(depth == 0);  // nested messages: extend this parser
      current = m[1];
      c.messages.insert(current);
    } else if (!current.empty() && std::regex_search(code, m, field_re)) {
      std::string label = m[1].matched ? std::string(m[1]).substr(0, std::string(m[1]).find_first_of(" \t")) + " " : "";
      c.fields[current + "." + std::string(m[3])] = label + std::string(m[2]) + " = " + std::string(m[4]);
    } else if (std::regex_search(code, m, rpc_re)) {
      c.rpcs[m[1]] = std::string(m[2]) + " -> " + std::string(m[3]);
    } else if (!current.empty() && code.find_first_not_of(" \t{}") != std::string::npos) {
      rmvss::test::report_failure(__FILE__, __LINE__, file + ": line not understood inside message " + current + ": " + line);
    }
    for (char ch : code) {
      if (ch == '{') ++depth;
      if (ch == '}') --depth;
    }
    if (depth == 0) current.clear();
  }
  return c;
}

}  // namespace

using rmvss::test::report_failure;

TEST("every message, field and rpc of lun.proto and provider.proto is in the C++ codec, and nothing else") {
  ProtoContract proto;
  const std::string dir = g_proto_dir + "/rmvss/v1";
  auto files = list(dir, ".proto");
  CHECK(std::find(files.begin(), files.end(), "provider.proto") != files.end());
  for (const auto& f : files) {
    if (f == "admin.proto") continue;  // ProviderAdmin: the CLI's service, not the DLL's
    bool ok = false;
    std::string text = read_text(dir + "/" + f, &ok);
    CHECK(ok);
    parse_proto(text, proto, f);
  }
  ProtoContract cpp;
  for (const auto& name : pbm::message_names()) cpp.messages.insert(name);
  for (const auto& e : pbm::message_table())
    cpp.fields[e.message + "." + e.field] = e.type + " = " + std::to_string(e.number);
  for (const auto& r : pbm::rpc_table()) cpp.rpcs[r.name] = std::string(r.request) + " -> " + r.response;

  CHECK(proto.messages.size() > 40);
  for (const auto& m : proto.messages)
    if (!cpp.messages.count(m)) report_failure(__FILE__, __LINE__, "message " + m + " is in the proto, not in the C++ codec");
  for (const auto& m : cpp.messages)
    if (!proto.messages.count(m)) report_failure(__FILE__, __LINE__, "message " + m + " is in the C++ codec, not in the proto");
  for (const auto& [k, v] : proto.fields) {
    auto it = cpp.fields.find(k);
    if (it == cpp.fields.end()) report_failure(__FILE__, __LINE__, "field " + k + " (" + v + ") is missing in the C++ codec");
    else if (it->second != v) report_failure(__FILE__, __LINE__, "field " + k + ": proto says " + v + ", C++ says " + it->second);
  }
  for (const auto& [k, v] : cpp.fields)
    if (!proto.fields.count(k)) report_failure(__FILE__, __LINE__, "field " + k + " (" + v + ") is in the C++ codec, not in the proto");
  CHECK_EQ(proto.rpcs.size(), pbm::rpc_table().size());
  for (const auto& [k, v] : proto.rpcs) {
    auto it = cpp.rpcs.find(k);
    if (it == cpp.rpcs.end()) report_failure(__FILE__, __LINE__, "rpc " + k + " is missing in the C++ codec");
    else if (it->second != v) report_failure(__FILE__, __LINE__, "rpc " + k + ": proto says " + v + ", C++ says " + it->second);
  }
  // The service name the method paths use.
  CHECK(read_text(dir + "/provider.proto").find("package rmvss.v1;") != std::string::npos);
  CHECK(read_text(dir + "/provider.proto").find("service VssProvider {") != std::string::npos);
  CHECK_EQ(pbm::method_path("CommitSnapshots"), std::string("/rmvss.v1.VssProvider/CommitSnapshots"));
}

TEST("proto/testdata/cpp holds exactly what the C++ codec writes (re-encoded now), README included") {
  const std::string dir = g_proto_dir + "/testdata/cpp";
  std::set<std::string> expected;
  for (const auto& g : rmvss::golden::goldens()) {
    expected.insert(g.name + ".bin");
    bool ok = false;
    Bytes committed = read_bytes(dir + "/" + g.name + ".bin", &ok);
    if (!ok) {
      report_failure(__FILE__, __LINE__, dir + "/" + g.name + ".bin missing (run rmvss-golden-writer " + dir + ")");
      continue;
    }
    if (committed != g.bytes)
      report_failure(__FILE__, __LINE__, g.name + ".bin differs: committed " + rmvss::test::hex(committed) + ", now " + rmvss::test::hex(g.bytes));
    // and it decodes back to the same message through the generic registry
    auto c = rmvss::golden::codec_for_file(g.name);
    CHECK(c.has_value());
    if (c) {
      auto r = c->second(committed);
      CHECK(r.decoded);
      CHECK(r.reencoded == committed);
      CHECK_EQ(r.text, g.text);
    }
  }
  for (const auto& f : list(dir, ".bin"))
    if (!expected.count(f)) report_failure(__FILE__, __LINE__, dir + "/" + f + " is not a C++ golden (stale?)");
  CHECK_EQ(read_text(dir + "/README.md"), rmvss::golden::readme());
}

namespace {
// Field-by-field expectations for the Java side's files, from proto/testdata/README.md.
// name -> check; filled in when the Java goldens land on main.
using JavaCheck = std::function<void(const Bytes&)>;
std::map<std::string, JavaCheck> java_expectations();
}  // namespace

TEST("proto/testdata/*.bin written by Java decode in C++, re-encode byte for byte, and hold the documented values") {
  const std::string dir = g_proto_dir + "/testdata";
  const bool required = RMVSS_JAVA_GOLDENS_REQUIRED != 0;
  auto files = list(dir, ".bin");
  auto expectations = java_expectations();
  if (files.empty()) {
    std::printf("  (no Java golden files in %s yet%s)\n", dir.c_str(), required ? "" : "; skipped");
    CHECK(!required);
    return;
  }
  bool readme_ok = false;
  read_text(dir + "/README.md", &readme_ok);
  CHECK(readme_ok);
  for (const auto& f : files) {
    const std::string stem = f.substr(0, f.size() - 4);
    Bytes bytes = read_bytes(dir + "/" + f);
    auto c = rmvss::golden::codec_for_file(stem);
    if (!c) {
      report_failure(__FILE__, __LINE__, f + ": no message type in its name");
      continue;
    }
    auto r = c->second(bytes);
    if (!r.decoded) {
      report_failure(__FILE__, __LINE__, f + " does not decode as " + c->first + ": " + r.error);
      continue;
    }
    if (r.reencoded != bytes)
      report_failure(__FILE__, __LINE__, f + " (" + c->first + ") re-encodes differently: Java " + rmvss::test::hex(bytes) +
                                             ", C++ " + rmvss::test::hex(r.reencoded) + "\n" + r.text);
    auto e = expectations.find(stem);
    if (e != expectations.end()) e->second(bytes);
    else if (required) report_failure(__FILE__, __LINE__, f + ": no field-by-field expectation in java_expectations()");
  }
  if (required)
    for (const auto& [stem, check] : expectations)
      if (std::find(files.begin(), files.end(), stem + ".bin") == files.end())
        report_failure(__FILE__, __LINE__, stem + ".bin is documented but missing");
}

namespace {
std::map<std::string, JavaCheck> java_expectations() {
  std::map<std::string, JavaCheck> e;
  return e;
}
}  // namespace

int main(int argc, char** argv) {
  g_proto_dir = argc > 1 ? argv[1] : "proto";
  return rmvss::test::run_all("proto_contract_test");
}
