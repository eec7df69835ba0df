// The C++ codec against the contract and against Java, so the two cannot drift:
//  1. proto/rmvss/v1/*.proto (admin.proto aside: the DLL does not use ProviderAdmin) parsed line by
//     line: every message, field (label, type, name, number) and rpc must equal the codec's own
//     table (message_table(), rpc_table()), both ways.
//  2. proto/testdata/cpp/*.bin and README.md equal what the codec writes for golden_messages.hpp.
//  3. proto/testdata/*.bin, written by the Java side: every file decodes as the message its name
//     says and re-encodes to the same bytes (Java writes fields in number order, as we do, so any
//     field the C++ side drops or mis-types shows), and holds, field by field, the values
//     proto/testdata/README.md states (java_expectations(): a decoder that swaps two members of
//     one type re-encodes identically, only these catch it). With RMVSS_JAVA_GOLDENS_REQUIRED
//     (default ON) a missing file, or a file without expectations, fails.
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
std::string g_file;  // the Java golden being checked, for the failure messages

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
    g_file = f;
    if (e != expectations.end()) e->second(bytes);
    else if (required) report_failure(__FILE__, __LINE__, f + ": no field-by-field expectation in java_expectations()");
  }
  if (required)
    for (const auto& [stem, check] : expectations)
      if (std::find(files.begin(), files.end(), stem + ".bin") == files.end())
        report_failure(__FILE__, __LINE__, stem + ".bin is documented but missing");
}

namespace {
// Each check decodes the file and compares every field with the value proto/testdata/README.md
// states, so a decoder that puts a field into the wrong member (the re-encode check alone cannot
// see a consistent swap of two members of one type) fails here, naming the file and the field.

#define EXPECT_FIELD(actual, expected)                                                              \
  do {                                                                                              \
    if (!((actual) == (expected)))                                                                  \
      report_failure(__FILE__, __LINE__, g_file + ": " #actual " is not the documented " #expected); \
  } while (0)

Bytes ascii(const std::string& s) { return Bytes(s.begin(), s.end()); }

template <typename T>
std::optional<T> decoded(const Bytes& bytes) {
  auto m = pbm::decode<T>(bytes);
  if (!m) {
    report_failure(__FILE__, __LINE__, g_file + " does not decode: " + m.error().reason);
    return std::nullopt;
  }
  return m.value();
}

// lun_information.bin: every field set (README: "lun_information.bin").
void expect_full_lun(const pbm::LunInformation& l) {
  EXPECT_FIELD(l.version, 1u);
  EXPECT_FIELD(l.device_type, 0u);
  EXPECT_FIELD(l.device_type_modifier, 0u);
  EXPECT_FIELD(l.command_queueing, true);
  EXPECT_FIELD(l.bus_type, 6u);  // VDSBusTypeFibre
  EXPECT_FIELD(l.vendor_id, std::optional<Bytes>(ascii("HITACHI ")));
  EXPECT_FIELD(l.product_id, std::optional<Bytes>(ascii("OPEN-V          ")));
  EXPECT_FIELD(l.product_revision, std::optional<Bytes>(ascii("7303")));
  EXPECT_FIELD(l.serial_number, std::optional<Bytes>(ascii("50 0F420 0012")));
  EXPECT_FIELD(l.disk_signature, std::string("6ba7b810-9dad-11d1-80b4-00c04fd430c8"));
  EXPECT_FIELD(l.device_id_descriptor_version, 1u);
  EXPECT_FIELD(l.identifiers.size(), 2u);
  if (l.identifiers.size() == 2) {
    EXPECT_FIELD(l.identifiers[0].code_set, 1u);
    EXPECT_FIELD(l.identifiers[0].type, 3u);
    EXPECT_FIELD(l.identifiers[0].identifier, rmvss::test::from_hex("60060e800000f4200000000000000012"));
    EXPECT_FIELD(l.identifiers[1].code_set, 2u);
    EXPECT_FIELD(l.identifiers[1].type, 1u);
    EXPECT_FIELD(l.identifiers[1].identifier, ascii("HITACHI 50 0F420 0012"));
  }
  EXPECT_FIELD(l.interconnects.size(), 2u);
  if (l.interconnects.size() == 2) {
    EXPECT_FIELD(l.interconnects[0].address_type, 2u);
    EXPECT_FIELD(l.interconnects[0].port, rmvss::test::from_hex("50060e8012345678"));
    EXPECT_FIELD(l.interconnects[0].address, rmvss::test::from_hex("50060e8012345679"));
    EXPECT_FIELD(l.interconnects[1].address_type, 0u);
    EXPECT_FIELD(l.interconnects[1].port, Bytes{});
    EXPECT_FIELD(l.interconnects[1].address, Bytes{});
  }
}

void expect_fault(const pbm::ProviderFault& f) {
  EXPECT_FIELD(f.hresult, static_cast<std::int32_t>(0x80042301u));  // VSS_E_BAD_STATE
  EXPECT_FIELD(f.hresult, -2147212543);
  EXPECT_FIELD(f.event_code, std::string("EV_INVSEQ"));
  EXPECT_FIELD(f.message, std::string("[EV_INVSEQ] Invalid sequence"));
  EXPECT_FIELD(f.cause, std::string("The order specified from a coordinator is invalid."));
  EXPECT_FIELD(f.correction, std::string("Please remove a cause of an error after confirming it with event log if an error about "
                                         "Shadow Copy Service is written in it"));
  EXPECT_FIELD(f.detail, std::string("CommitSnapshots for snapshot set 7d1f6a52-0000-4000-8000-000000000001 in state PREPARING"));
}

std::map<std::string, JavaCheck> java_expectations() {
  std::map<std::string, JavaCheck> e;
  e["lun_information"] = [](const Bytes& b) {
    if (auto l = decoded<pbm::LunInformation>(b)) expect_full_lun(*l);
  };
  e["lun_information_optional"] = [](const Bytes& b) {
    EXPECT_FIELD(rmvss::test::hex(b), std::string("08012801320042" "02e9ff"));
    auto l = decoded<pbm::LunInformation>(b);
    if (!l) return;
    EXPECT_FIELD(l->version, 1u);
    EXPECT_FIELD(l->bus_type, 1u);
    EXPECT_FIELD(l->vendor_id.has_value(), true);  // present and empty: a non-NULL ""
    EXPECT_FIELD(l->vendor_id.value_or(ascii("x")), Bytes{});
    EXPECT_FIELD(l->product_id.has_value(), false);  // absent: NULL
    EXPECT_FIELD(l->product_revision, std::optional<Bytes>(Bytes{0xe9, 0xff}));  // bytes, not UTF-8
    EXPECT_FIELD(l->serial_number.has_value(), false);
    EXPECT_FIELD(l->disk_signature, std::string());
    EXPECT_FIELD(l->device_type, 0u);
    EXPECT_FIELD(l->device_type_modifier, 0u);
    EXPECT_FIELD(l->command_queueing, false);
    EXPECT_FIELD(l->device_id_descriptor_version, 0u);
    EXPECT_FIELD(l->identifiers.empty(), true);
    EXPECT_FIELD(l->interconnects.empty(), true);
  };
  e["begin_prepare_snapshot_request"] = [](const Bytes& b) {
    auto r = decoded<pbm::BeginPrepareSnapshotRequest>(b);
    if (!r) return;
    EXPECT_FIELD(r->snapshot_set_id, std::string("7d1f6a52-0000-4000-8000-000000000001"));
    EXPECT_FIELD(r->snapshot_id, std::string("7d1f6a52-0000-4000-8000-0000000000a1"));
    EXPECT_FIELD(r->context, 9);
    EXPECT_FIELD(r->luns.size(), 1u);
    if (r->luns.size() != 1) return;
    const std::string device =
        R"(\\?\scsi#disk&ven_hitachi&prod_open-v#5&1a2b3c4d&0&000012#{53f56307-b6bf-11d0-94f2-00a0c91efb8b})";
    EXPECT_FIELD(device.size(), 96u);
    EXPECT_FIELD(r->luns[0].device, device);
    EXPECT_FIELD(r->luns[0].lun.has_value(), true);
    if (r->luns[0].lun) expect_full_lun(*r->luns[0].lun);
  };
  e["provider_fault"] = [](const Bytes& b) {
    if (auto f = decoded<pbm::ProviderFault>(b)) expect_fault(*f);
  };
  e["status_with_provider_fault"] = [](const Bytes& b) {
    auto s = decoded<pbm::RpcStatus>(b);
    if (!s) return;
    EXPECT_FIELD(s->code, 9);  // FAILED_PRECONDITION
    EXPECT_FIELD(s->message, std::string("[EV_INVSEQ] Invalid sequence: CommitSnapshots for snapshot set "
                                         "7d1f6a52-0000-4000-8000-000000000001 in state PREPARING"));
    EXPECT_FIELD(s->details.size(), 1u);
    if (s->details.size() != 1) return;
    EXPECT_FIELD(s->details[0].type_url, std::string(pbm::kProviderFaultTypeUrl));
    EXPECT_FIELD(s->details[0].type_url, std::string("type.googleapis.com/rmvss.v1.ProviderFault"));
    bool ok = false;
    EXPECT_FIELD(s->details[0].value, read_bytes(g_proto_dir + "/testdata/provider_fault.bin", &ok));
    EXPECT_FIELD(ok, true);
    if (auto f = decoded<pbm::ProviderFault>(s->details[0].value)) expect_fault(*f);
    // and the way the DLL reads it
    auto fault = pbm::provider_fault_from_status_details(b);
    EXPECT_FIELD(fault.ok() && fault.value().has_value(), true);
    if (fault.ok() && fault.value()) expect_fault(*fault.value());
  };
  return e;
}
#undef EXPECT_FIELD
}  // namespace

int main(int argc, char** argv) {
  g_proto_dir = argc > 1 ? argv[1] : "proto";
  return rmvss::test::run_all("proto_contract_test");
}
