// The VssProvider message codec: round trips of every message, proto3 presence rules (NULL vs
// empty inquiry strings, empty nested messages), exact bytes of hand-computed encodings, unknown
// fields skipped, hostile input rejected as an error value, ProviderFault inside google.rpc.Status.
#include "golden_messages.hpp"
#include "golden_registry.hpp"
#include "rmvss/bridge/protobuf_wire.hpp"
#include "test_harness.hpp"

using namespace rmvss::bridge;
using namespace rmvss::bridge::pb;
using rmvss::test::from_hex;
using rmvss::test::hex;

TEST("every golden message decodes back to itself") {
  for (const auto& g : rmvss::golden::goldens()) {
    auto c = rmvss::golden::codec_for_file(g.name);
    CHECK(c.has_value());
    if (!c) continue;
    auto r = c->second(g.bytes);
    CHECK(r.decoded);
    CHECK(r.reencoded == g.bytes);
    CHECK_EQ(r.text, g.text);
  }
  auto lun = decode<LunInformation>(encode(rmvss::golden::pvol_lun()));
  CHECK(lun.ok());
  CHECK(lun.value() == rmvss::golden::pvol_lun());
}

TEST("absent optional bytes stay NULL, present empty ones stay empty") {
  LunInformation l = rmvss::golden::odd_lun();
  auto back = decode<LunInformation>(encode(l));
  CHECK(back.ok());
  CHECK(back->vendor_id.has_value() && back->vendor_id->empty());
  CHECK(!back->product_id.has_value());
  CHECK(back->product_revision == (Bytes{0xff, 0x00, 0x80, 0x41}));
  CHECK(!back->serial_number.has_value());
  // version=1, device_type=31, vendor_id="" (tag 0x32, length 0), product_revision, identifiers{code_set 1, type 3}
  CHECK_EQ(hex(encode(l)), std::string("0801101f32004204ff008041620408011003"));
}

TEST("hand-computed encodings: negative int32 as 10-byte varint, empty nested message present") {
  ProviderFault f;
  f.hresult = static_cast<int32_t>(0x80042306);
  f.event_code = "EV";
  CHECK_EQ(hex(encode(f)), std::string("0886c69080f8ffffffff01") + "1202" + "4556");
  FillInLunInfoResponse r;
  r.lun = LunInformation{};
  CHECK_EQ(hex(encode(r)), std::string("1200"));
  auto back = decode<FillInLunInfoResponse>(from_hex("1200"));
  CHECK(back.ok() && back->lun.has_value() && !back->supported);
  CHECK(encode(OnLoadRequest{}).empty());
  CHECK(decode<OnLoadResponse>(Bytes{}).ok());
  CommitSnapshotsRequest c;
  c.snapshot_set_id = "ab";
  CHECK_EQ(hex(encode(c)), std::string("0a026162"));
}

TEST("unknown fields and known numbers with another wire type are skipped") {
  protobuf::Writer w;
  w.write_varint(99, 7);                 // unknown varint
  w.write_string(1, "resync-1");         // operation_id
  w.write_fixed64(1000, 5);              // unknown fixed64
  w.write_fixed32(7, 5);                 // unknown fixed32
  w.write_varint(1, 5);                  // operation_id with the wrong wire type: unknown
  auto r = decode<ResyncLunsResponse>(w.data());
  CHECK(r.ok());
  CHECK_EQ(r->operation_id, std::string("resync-1"));
  // a singular message twice merges
  protobuf::Writer a, b, outer;
  a.write_varint(1, 1);
  b.write_varint(5, 6);
  outer.write_message(2, a);
  outer.write_message(2, b);
  auto m = decode<FillInLunInfoResponse>(outer.data());
  CHECK(m.ok() && m->lun && m->lun->version == 1 && m->lun->bus_type == 6);
}

TEST("malformed input is an error value") {
  Bytes full = encode(rmvss::golden::pvol_lun());
  for (size_t n = 1; n < full.size(); ++n) {
    auto r = decode<LunInformation>(full.data(), n);
    (void)r;  // truncation inside a field must fail; at a field boundary it may parse
  }
  CHECK(!decode<LunInformation>(from_hex("52")).ok());             // string without length
  CHECK(!decode<LunInformation>(from_hex("5205616263")).ok());     // length past the end
  CHECK(!decode<LunInformation>(from_hex("08ffffffffffffffffffff01")).ok());  // 11-byte varint
  CHECK(!decode<LunInformation>(from_hex("5202c328")).ok());       // disk_signature not UTF-8
  CHECK(!decode<ProviderFault>(from_hex("1203eda080")).ok());      // UTF-16 surrogate in UTF-8
  CHECK(decode<LunInformation>(from_hex("4a02c328")).ok());        // bytes field: anything goes
  CHECK(!decode<LunInformation>(from_hex("0b")).ok());             // start group
  // nesting deeper than 32: DeviceLun.lun -> LunInformation.identifiers is bounded by the schema,
  // but google.rpc.Status.details.value is opaque; build a deep chain of DeviceLun-in-DeviceLun
  Bytes deep;
  for (int i = 0; i < 40; ++i) {
    protobuf::Writer w;
    w.write_bytes(12, deep.data(), deep.size());  // LunInformation.identifiers (StorageIdentifier)
    Bytes next = w.take();
    protobuf::Writer w2;
    w2.write_bytes(3, next.data(), next.size());
    deep = w2.take();
  }
  (void)decode<LunInformation>(deep);  // must not crash; unknown nested bytes are just skipped
}

TEST("ProviderFault out of grpc-status-details-bin") {
  ProviderFault f;
  f.hresult = static_cast<int32_t>(0x80042301);
  f.event_code = "EV_INVSTP";
  f.message = "[EV_INVSTP] Invalid pair status";
  Bytes details = status_details_with_fault(9, "bad state", f);
  auto got = provider_fault_from_status_details(details);
  CHECK(got.ok() && got->has_value() && got.value().value() == f);
  RpcStatus none;
  none.code = 13;
  none.details.push_back(Any{"type.googleapis.com/google.rpc.DebugInfo", Bytes{1, 2}});
  auto empty = provider_fault_from_status_details(encode(none));
  CHECK(empty.ok() && !empty->has_value());
  CHECK(provider_fault_from_status_details(Bytes{}).ok());
  CHECK(!provider_fault_from_status_details(from_hex("1a05")).ok());
  RpcStatus bad;
  bad.details.push_back(Any{kProviderFaultTypeUrl, from_hex("1203eda080")});
  CHECK(!provider_fault_from_status_details(encode(bad)).ok());
}

TEST("method paths and the rpc table") {
  CHECK_EQ(rpc_table().size(), size_t{19});
  CHECK_EQ(method_path("OnLoad"), std::string("/rmvss.v1.VssProvider/OnLoad"));
  CHECK_EQ(to_text(rmvss::golden::odd_lun()),
           std::string("version: 1\ndevice_type: 31\nvendor_id: \"\"\nproduct_revision: \"\\377\\000\\200A\"\n"
                       "identifiers {\n  code_set: 1\n  type: 3\n}\n"));
}

TEST_MAIN("provider_messages_test")
