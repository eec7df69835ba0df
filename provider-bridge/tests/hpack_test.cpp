// HPACK: RFC 7541 Appendix C decoded exactly, Huffman table integrity, encoder round trips,
// and malformed input rejected.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "rmvss/bridge/hpack_decoder.hpp"
#include "rmvss/bridge/hpack_encoder.hpp"
#include "rmvss/bridge/hpack_huffman.hpp"
#include "rmvss/bridge/hpack_primitives.hpp"
#include "test_harness.hpp"

using namespace rmvss::bridge;
using namespace rmvss::bridge::hpack;
using rmvss::test::from_hex;
using rmvss::test::hex;

namespace {

using Fields = std::vector<HeaderField>;

bool decodes_to(Decoder& decoder, const std::string& wire_hex, const Fields& expected) {
  const Bytes wire = from_hex(wire_hex);
  auto decoded = decoder.decode(wire.data(), wire.size());
  if (!decoded) {
    std::printf("  decode error: %s\n", decoded.error().reason.c_str());
    return false;
  }
  if (decoded.value() != expected) {
    for (const auto& f : decoded.value()) std::printf("  got %s: %s\n", f.name.c_str(), f.value.c_str());
    return false;
  }
  return true;
}

// The table as (name, value) pairs newest first, plus its size, as Appendix C prints it.
bool table_is(const DynamicTable& table, const Fields& expected, std::size_t expected_size) {
  if (table.size() != expected_size || table.entry_count() != expected.size()) {
    std::printf("  table size %zu entries %zu\n", table.size(), table.entry_count());
    return false;
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (!(*table.entry(i) == expected[i])) return false;
  }
  return true;
}

bool rejects(const std::string& wire_hex, DecoderLimits limits = {}) {
  Decoder decoder(limits);
  const Bytes wire = from_hex(wire_hex);
  return !decoder.decode(wire.data(), wire.size()).ok();
}

const Fields kRequest1 = {{":method", "GET"}, {":scheme", "http"}, {":path", "/"}, {":authority", "www.example.com"}};
const Fields kRequest2 = {{":method", "GET"}, {":scheme", "http"}, {":path", "/"}, {":authority", "www.example.com"},
                          {"cache-control", "no-cache"}};
const Fields kRequest3 = {{":method", "GET"}, {":scheme", "https"}, {":path", "/index.html"},
                          {":authority", "www.example.com"}, {"custom-key", "custom-value"}};
const Fields kResponse1 = {{":status", "302"}, {"cache-control", "private"},
                           {"date", "Mon, 21 Oct 2013 20:13:21 GMT"}, {"location", "https://www.example.com"}};
const Fields kResponse2 = {{":status", "307"}, {"cache-control", "private"},
                           {"date", "Mon, 21 Oct 2013 20:13:21 GMT"}, {"location", "https://www.example.com"}};
const Fields kResponse3 = {{":status", "200"}, {"cache-control", "private"},
                           {"date", "Mon, 21 Oct 2013 20:13:22 GMT"}, {"location", "https://www.example.com"},
                           {"content-encoding", "gzip"},
                           {"set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1"}};

void check_request_tables_after(int step, const DynamicTable& table) {
  if (step == 1) CHECK(table_is(table, {{":authority", "www.example.com"}}, 57));
  if (step == 2) CHECK(table_is(table, {{"cache-control", "no-cache"}, {":authority", "www.example.com"}}, 110));
  if (step == 3)
    CHECK(table_is(table, {{"custom-key", "custom-value"}, {"cache-control", "no-cache"}, {":authority", "www.example.com"}}, 164));
}

void check_response_tables_after(int step, const DynamicTable& table) {
  if (step == 1)
    CHECK(table_is(table, {{"location", "https://www.example.com"}, {"date", "Mon, 21 Oct 2013 20:13:21 GMT"},
                           {"cache-control", "private"}, {":status", "302"}}, 222));
  if (step == 2)
    CHECK(table_is(table, {{":status", "307"}, {"location", "https://www.example.com"},
                           {"date", "Mon, 21 Oct 2013 20:13:21 GMT"}, {"cache-control", "private"}}, 222));
  if (step == 3)
    CHECK(table_is(table, {{"set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1"},
                           {"content-encoding", "gzip"}, {"date", "Mon, 21 Oct 2013 20:13:22 GMT"}}, 215));
}

}  // namespace

TEST("C.1 integer representation") {
  Bytes out;
  encode_integer(out, 0, 5, 10);
  CHECK_EQ(hex(out), std::string("0a"));
  out.clear();
  encode_integer(out, 0, 5, 1337);
  CHECK_EQ(hex(out), std::string("1f9a0a"));
  out.clear();
  encode_integer(out, 0, 8, 42);
  CHECK_EQ(hex(out), std::string("2a"));
  for (std::uint64_t value : {0ull, 30ull, 31ull, 127ull, 128ull, 16383ull, 0xffffffffull}) {
    for (int prefix = 1; prefix <= 8; ++prefix) {
      Bytes encoded;
      encode_integer(encoded, 0, prefix, value);
      ByteReader reader(encoded);
      auto decoded = decode_integer(reader, prefix);
      CHECK(decoded.ok() && decoded.value() == value && reader.empty());
    }
  }
}

TEST("C.2.1 literal with indexing") {
  Decoder decoder;
  CHECK(decodes_to(decoder, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572",
                   {{"custom-key", "custom-header"}}));
  CHECK(table_is(decoder.table(), {{"custom-key", "custom-header"}}, 55));
}

TEST("C.2.2 literal without indexing") {
  Decoder decoder;
  CHECK(decodes_to(decoder, "040c 2f73 616d 706c 652f 7061 7468", {{":path", "/sample/path"}}));
  CHECK(table_is(decoder.table(), {}, 0));
}

TEST("C.2.3 literal never indexed") {
  Decoder decoder;
  const Bytes wire = from_hex("1008 7061 7373 776f 7264 0673 6563 7265 74");
  auto decoded = decoder.decode(wire.data(), wire.size());
  CHECK(decoded.ok() && decoded.value() == Fields{{"password", "secret"}});
  CHECK(decoded.ok() && decoded.value()[0].never_indexed);
  CHECK(table_is(decoder.table(), {}, 0));
}

TEST("C.2.4 indexed header field") {
  Decoder decoder;
  CHECK(decodes_to(decoder, "82", {{":method", "GET"}}));
  CHECK(table_is(decoder.table(), {}, 0));
}

TEST("C.3 requests without Huffman") {
  Decoder decoder;
  CHECK(decodes_to(decoder, "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d", kRequest1));
  check_request_tables_after(1, decoder.table());
  CHECK(decodes_to(decoder, "8286 84be 5808 6e6f 2d63 6163 6865", kRequest2));
  check_request_tables_after(2, decoder.table());
  CHECK(decodes_to(decoder, "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65", kRequest3));
  check_request_tables_after(3, decoder.table());
}

TEST("C.4 requests with Huffman") {
  Decoder decoder;
  CHECK(decodes_to(decoder, "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff", kRequest1));
  check_request_tables_after(1, decoder.table());
  CHECK(decodes_to(decoder, "8286 84be 5886 a8eb 1064 9cbf", kRequest2));
  check_request_tables_after(2, decoder.table());
  CHECK(decodes_to(decoder, "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf", kRequest3));
  check_request_tables_after(3, decoder.table());
}

TEST("C.5 responses without Huffman, table size 256, eviction") {
  Decoder decoder(DecoderLimits{256, 64 * 1024});
  CHECK(decodes_to(decoder,
                   "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a "
                   "3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
                   kResponse1));
  check_response_tables_after(1, decoder.table());
  CHECK(decodes_to(decoder, "4803 3330 37c1 c0bf", kResponse2));
  check_response_tables_after(2, decoder.table());
  CHECK(decodes_to(decoder,
                   "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 "
                   "677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 "
                   "553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31",
                   kResponse3));
  check_response_tables_after(3, decoder.table());
}

TEST("C.6 responses with Huffman, table size 256, eviction") {
  Decoder decoder(DecoderLimits{256, 64 * 1024});
  CHECK(decodes_to(decoder,
                   "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e "
                   "919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
                   kResponse1));
  check_response_tables_after(1, decoder.table());
  CHECK(decodes_to(decoder, "4883 640e ffc1 c0bf", kResponse2));
  check_response_tables_after(2, decoder.table());
  CHECK(decodes_to(decoder,
                   "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 "
                   "821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed "
                   "4ee5 b106 3d50 07",
                   kResponse3));
  check_response_tables_after(3, decoder.table());
}

TEST("Huffman table is a complete canonical prefix code") {
  // Kraft sum exactly 1 (in units of 2^-30) means complete; ordering by (length, symbol)
  // giving consecutive codes means canonical, which the decoder relies on.
  std::uint64_t kraft = 0;
  for (std::size_t s = 0; s < kHuffmanSymbolCount; ++s) {
    const HuffmanCode& c = huffman_code(s);
    CHECK(c.bit_length >= 5 && c.bit_length <= 30);
    CHECK(c.code < (1u << c.bit_length));
    kraft += std::uint64_t{1} << (30 - c.bit_length);
  }
  CHECK_EQ(kraft, std::uint64_t{1} << 30);
  std::vector<std::size_t> order;
  for (std::size_t s = 0; s < kHuffmanSymbolCount; ++s) order.push_back(s);
  std::stable_sort(order.begin(), order.end(), [](std::size_t a, std::size_t b) {
    return huffman_code(a).bit_length < huffman_code(b).bit_length;
  });
  std::uint32_t expected = 0;
  int previous_length = huffman_code(order[0]).bit_length;
  for (std::size_t s : order) {
    const HuffmanCode& c = huffman_code(s);
    expected <<= (c.bit_length - previous_length);
    previous_length = c.bit_length;
    CHECK_EQ(c.code, expected);
    ++expected;
  }
  CHECK_EQ(huffman_code(kHuffmanEos).code, 0x3fffffffu);
}

TEST("Huffman round trip of every octet") {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (std::size_t length = 0; length <= all.size(); length += 7) {
    const std::string text = all.substr(all.size() - length) + all.substr(0, length);
    Bytes encoded;
    huffman_encode(text, encoded);
    CHECK_EQ(encoded.size(), huffman_encoded_length(text));
    auto decoded = huffman_decode(encoded.data(), encoded.size());
    CHECK(decoded.ok() && decoded.value() == text);
  }
}

TEST("Huffman rejects EOS, long padding and non-EOS padding") {
  // EOS encoded explicitly (30 ones) then padding.
  const Bytes eos = {0xff, 0xff, 0xff, 0xff};
  CHECK(!huffman_decode(eos.data(), eos.size()).ok());
  // 'a' (00011) followed by a whole byte of ones: padding longer than 7 bits.
  const Bytes long_padding = {0x1f, 0xff};
  CHECK(!huffman_decode(long_padding.data(), long_padding.size()).ok());
  // 'a' padded with zeros instead of ones.
  const Bytes zero_padding = {0x18};
  CHECK(!huffman_decode(zero_padding.data(), zero_padding.size()).ok());
  // 'a' padded with ones is fine.
  const Bytes good = {0x1f};
  auto decoded = huffman_decode(good.data(), good.size());
  CHECK(decoded.ok() && decoded.value() == "a");
}

TEST("encoder round trips through the decoder, with and without dynamic table") {
  const Fields request = {{":method", "POST"}, {":scheme", "http"}, {":path", "/rmvss.v1.Provider/BeginPrepareSnapshot"},
                          {":authority", "127.0.0.1:50051"}, {"content-type", "application/grpc"}, {"te", "trailers"},
                          {"grpc-timeout", "8000m"}, {"authorization", "Bearer abc.def", true},
                          {"x-binary-bin", std::string("\x00\xff\x10", 3)}, {"empty", ""}};
  for (bool dynamic : {false, true}) {
    for (bool huffman : {false, true}) {
      Encoder encoder(EncoderOptions{dynamic, huffman});
      Decoder decoder;
      for (int round = 0; round < 3; ++round) {
        Bytes block;
        encoder.encode(request, block);
        auto decoded = decoder.decode(block.data(), block.size());
        CHECK(decoded.ok() && decoded.value() == request);
        CHECK(decoded.ok() && decoded.value()[7].never_indexed);
        CHECK_EQ(decoder.table().size(), encoder.table().size());
      }
    }
  }
}

TEST("encoder uses the static table and Huffman when shorter") {
  Encoder encoder;
  Bytes block;
  encoder.encode({{":method", "GET"}, {":scheme", "http"}, {":path", "/"}, {":authority", "www.example.com"}}, block);
  // Indexed 2, 6, 4, then literal without indexing, name index 1, Huffman value (C.4.1's).
  CHECK_EQ(hex(block), std::string("828684018cf1e3c2e5f23a6ba0ab90f4ff"));
}

TEST("encoder table size update is decoded, eviction follows") {
  Encoder encoder(EncoderOptions{true, true});
  Decoder decoder;
  Bytes block;
  encoder.encode({{"a-name", std::string(100, 'x')}, {"b-name", std::string(100, 'y')}}, block);
  CHECK(decoder.decode(block.data(), block.size()).ok());
  CHECK_EQ(decoder.table().entry_count(), std::size_t{2});
  encoder.set_max_table_size(150);
  block.clear();
  encoder.encode({{"b-name", std::string(100, 'y')}}, block);
  CHECK_EQ(block[0] & 0xe0, 0x20);
  auto decoded = decoder.decode(block.data(), block.size());
  CHECK(decoded.ok() && decoded.value() == Fields{{"b-name", std::string(100, 'y')}});
  CHECK_EQ(decoder.table().max_size(), std::size_t{150});
  CHECK_EQ(decoder.table().entry_count(), std::size_t{1});
}

TEST("decoder rejects malformed blocks") {
  CHECK(rejects("80"));                      // index 0
  CHECK(rejects("be"));                      // index 62 with an empty dynamic table
  CHECK(rejects("ff"));                      // truncated integer
  CHECK(rejects("ff ff ff ff ff ff 0f"));    // integer too large
  CHECK(rejects("ff 80 80 80 80 80 80 80 80 80 80 00"));  // overlong integer encoding
  CHECK(rejects("40 0a 63"));                // string length past the end
  CHECK(rejects("40 81 ff 00"));             // Huffman name that is EOS-ish garbage
  CHECK(rejects("40 00"));                   // literal with new name but no value
  CHECK(rejects("3f e2 1f"));                // size update 4097 above the 4096 limit
  CHECK(rejects("82 20"));                   // size update after a field
  CHECK(rejects("04"));                      // literal without indexing, no value
  DecoderLimits tiny{4096, 100};
  CHECK(rejects("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572 be be", tiny));  // list too large
  // Two size updates at the start are allowed; the second may raise again.
  Decoder decoder;
  const Bytes updates = from_hex("20 3f e1 0f 82");
  CHECK(decoder.decode(updates.data(), updates.size()).ok());
}

TEST("dynamic table: entry larger than the table empties it") {
  DynamicTable table(100);
  table.insert({"n", "v"});
  CHECK_EQ(table.entry_count(), std::size_t{1});
  table.insert({"n", std::string(200, 'v')});
  CHECK_EQ(table.entry_count(), std::size_t{0});
  CHECK_EQ(table.size(), std::size_t{0});
  table.insert({"abc", "def"});
  table.set_max_size(10);
  CHECK_EQ(table.entry_count(), std::size_t{0});
}

TEST_MAIN("hpack_test")
