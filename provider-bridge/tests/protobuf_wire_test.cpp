// Protobuf wire format: round trips of every wire type, unknown fields skipped, hostile
// input (truncation, overlong varints, lengths past the end, groups) rejected.
#include <cmath>
#include <limits>
#include <string>

#include "rmvss/bridge/protobuf_wire.hpp"
#include "test_harness.hpp"

using namespace rmvss::bridge;
using namespace rmvss::bridge::protobuf;
using rmvss::test::from_hex;
using rmvss::test::hex;

TEST("varint encodings match the protobuf documentation") {
  Bytes out;
  append_varint(out, 1);
  append_varint(out, 150);
  append_varint(out, 300);
  CHECK_EQ(hex(out), std::string("01" "9601" "ac02"));
  Writer writer;
  writer.write_varint(1, 150);
  CHECK_EQ(hex(writer.data()), std::string("089601"));
  Writer negative;
  negative.write_int32(1, -1);  // ten bytes, sign-extended
  CHECK_EQ(hex(negative.data()), std::string("08ffffffffffffffffff01"));
}

TEST("zigzag") {
  CHECK_EQ(zigzag_encode(0), 0u);
  CHECK_EQ(zigzag_encode(-1), 1u);
  CHECK_EQ(zigzag_encode(1), 2u);
  CHECK_EQ(zigzag_encode(-2), 3u);
  CHECK_EQ(zigzag_encode(std::numeric_limits<std::int64_t>::min()), std::numeric_limits<std::uint64_t>::max());
  for (std::int64_t v : {std::int64_t{0}, std::int64_t{-5}, std::int64_t{123456789},
                         std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()})
    CHECK_EQ(zigzag_decode(zigzag_encode(v)), v);
}

TEST("every wire type round trips, unknown fields are skipped") {
  Writer nested;
  nested.write_string(1, "inner");
  Writer writer;
  writer.write_varint(1, 0xffffffffffffffffull);
  writer.write_sint64(2, -42);
  writer.write_fixed32(3, 0xdeadbeef);
  writer.write_fixed64(4, 0x0102030405060708ull);
  writer.write_double(5, 3.5);
  writer.write_float(6, -0.25f);
  writer.write_string(7, "hello");
  writer.write_message(8, nested);
  writer.write_bool(9, true);
  writer.write_varint(kMaxFieldNumber, 7);

  Reader reader(writer.data());
  int seen = 0;
  for (;;) {
    auto tag = reader.next_field();
    CHECK(tag.ok());
    if (!tag.ok() || !tag.value()) break;
    ++seen;
    switch (tag.value()->number) {
      case 1: CHECK_EQ(reader.read_varint().value(), 0xffffffffffffffffull); break;
      case 2: CHECK_EQ(reader.read_sint64().value(), std::int64_t{-42}); break;
      case 3: CHECK_EQ(reader.read_fixed32().value(), 0xdeadbeefu); break;
      case 4: CHECK_EQ(reader.read_fixed64().value(), 0x0102030405060708ull); break;
      case 5: CHECK_EQ(reader.read_double().value(), 3.5); break;
      case 6: CHECK_EQ(reader.read_float().value(), -0.25f); break;
      case 7: CHECK_EQ(reader.read_length_delimited().value().to_string(), std::string("hello")); break;
      case 8: {
        auto slice = reader.read_length_delimited();
        Reader inner(slice->data, slice->size);
        auto inner_tag = inner.next_field();
        CHECK(inner_tag.ok() && inner_tag.value() && inner_tag.value()->number == 1);
        CHECK_EQ(inner.read_length_delimited().value().to_string(), std::string("inner"));
        break;
      }
      default: CHECK(reader.skip(tag.value()->type).ok()); break;  // 9 and the max field: unknown here
    }
  }
  CHECK_EQ(seen, 10);
  CHECK(reader.at_end());
}

TEST("hostile input is rejected") {
  auto fails = [](const std::string& wire_hex) {
    const Bytes wire = from_hex(wire_hex);
    Reader reader(wire);
    for (int guard = 0; guard < 100; ++guard) {
      auto tag = reader.next_field();
      if (!tag) return true;
      if (!tag.value()) return false;
      if (!reader.skip(tag.value()->type)) return true;
    }
    return false;
  };
  CHECK(fails("08"));                                 // varint value missing
  CHECK(fails("08 80"));                              // truncated varint
  CHECK(fails("08 ffffffffffffffffff7f"));            // tenth byte above 1
  CHECK(fails("08 ffffffffffffffffffff01"));          // eleven bytes
  CHECK(fails("12 05 6162"));                         // length past the end
  CHECK(fails("12 ffffffffffffffff7f"));              // absurd length
  CHECK(fails("0d 0102"));                            // truncated fixed32
  CHECK(fails("09 01020304050607"));                  // truncated fixed64
  CHECK(fails("0b"));                                 // start group
  CHECK(fails("0c"));                                 // end group
  CHECK(fails("0e 00"));                              // wire type 6
  CHECK(fails("00 00"));                              // field number 0
  CHECK(fails("80 80 80 80 80 01"));                  // key above 32 bits
  CHECK(!fails("08 01 12 00 0d 01020304"));           // well formed
}

TEST_MAIN("protobuf_wire_test")
