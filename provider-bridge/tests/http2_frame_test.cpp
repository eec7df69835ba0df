// HTTP/2 frames: header codec, typed payload round trips, CONTINUATION assembly, flow
// control windows and malformed frames rejected.
#include <string>
#include <vector>

#include "rmvss/bridge/http2_flow_control.hpp"
#include "rmvss/bridge/http2_frame.hpp"
#include "rmvss/bridge/http2_frame_parser.hpp"
#include "rmvss/bridge/http2_header_block.hpp"
#include "test_harness.hpp"

using namespace rmvss::bridge;
using namespace rmvss::bridge::http2;
using rmvss::test::from_hex;
using rmvss::test::hex;

namespace {

std::vector<Frame> parse_all(const Bytes& wire, std::uint32_t max_frame_size = kDefaultMaxFrameSize) {
  FrameParser parser(max_frame_size);
  parser.feed(wire.data(), wire.size());
  std::vector<Frame> frames;
  for (;;) {
    auto next = parser.next();
    if (!next || !next.value()) break;
    frames.push_back(std::move(*next.value()));
  }
  return frames;
}

Frame make_frame(FrameType type, std::uint8_t flags, std::uint32_t stream, const std::string& payload_hex) {
  Frame frame;
  frame.payload = from_hex(payload_hex);
  frame.header = {static_cast<std::uint32_t>(frame.payload.size()), static_cast<std::uint8_t>(type), flags, stream};
  return frame;
}

}  // namespace

TEST("frame header encodes and decodes, reserved bit ignored") {
  Bytes out;
  append_frame_header(out, {0x123456, 0x1, 0x25, 0x7fffffff});
  CHECK_EQ(hex(out), std::string("1234560125" "7fffffff"));
  out[5] |= 0x80;  // reserved bit set by a peer
  const FrameHeader header = decode_frame_header(out.data());
  CHECK_EQ(header.length, 0x123456u);
  CHECK_EQ(header.type, 1);
  CHECK_EQ(header.flags, 0x25);
  CHECK_EQ(header.stream_id, 0x7fffffffu);
}

TEST("frames round trip through the parser, byte by byte") {
  Bytes wire;
  const Bytes body = {1, 2, 3, 4, 5};
  append_settings_frame(wire, {{1, 4096}, {4, 1 << 20}, {5, 32768}});
  append_settings_ack(wire);
  append_ping_frame(wire, PingData{1, 2, 3, 4, 5, 6, 7, 8}, true);
  append_window_update_frame(wire, 3, 12345);
  append_rst_stream_frame(wire, 5, ErrorCode::Cancel);
  append_goaway_frame(wire, 7, ErrorCode::EnhanceYourCalm, "calm down");
  append_data_frame(wire, 9, body.data(), body.size(), true);

  FrameParser parser;
  std::vector<Frame> frames;
  for (std::uint8_t byte : wire) {  // worst-case fragmentation
    parser.feed(&byte, 1);
    auto next = parser.next();
    CHECK(next.ok());
    if (next.ok() && next.value()) frames.push_back(std::move(*next.value()));
  }
  CHECK_EQ(frames.size(), std::size_t{7});
  if (frames.size() != 7) return;

  auto settings = parse_settings(frames[0]);
  CHECK(settings.ok() && settings->size() == 3 && settings.value()[1].id == 4 && settings.value()[1].value == (1u << 20));
  CHECK(frames[1].has_flag(flag::kAck) && parse_settings(frames[1]).ok() && parse_settings(frames[1])->empty());
  auto ping = parse_ping(frames[2]);
  CHECK(ping.ok() && ping.value()[7] == 8 && frames[2].has_flag(flag::kAck));
  auto increment = parse_window_update(frames[3]);
  CHECK(increment.ok() && increment.value() == 12345u && frames[3].header.stream_id == 3);
  auto rst = parse_rst_stream(frames[4]);
  CHECK(rst.ok() && rst.value() == static_cast<std::uint32_t>(ErrorCode::Cancel));
  auto goaway = parse_goaway(frames[5]);
  CHECK(goaway.ok() && goaway->last_stream_id == 7 && goaway->debug_data == "calm down" &&
        goaway->error_code == static_cast<std::uint32_t>(ErrorCode::EnhanceYourCalm));
  auto data = parse_data(frames[6]);
  CHECK(data.ok() && data->size == 5 && data->data[4] == 5 && frames[6].has_flag(flag::kEndStream));
}

TEST("padded DATA and padded+priority HEADERS are stripped") {
  const Frame data_frame = make_frame(FrameType::Data, flag::kPadded, 1, "03 aabb 000000");
  auto data = parse_data(data_frame);
  CHECK(data.ok() && data->size == 2 && data->data[0] == 0xaa);
  const Frame headers_frame = make_frame(FrameType::Headers, flag::kPadded | flag::kPriority | flag::kEndHeaders, 1,
                                         "02 80000003 10 8286 0000");
  auto headers = parse_headers(headers_frame);
  CHECK(headers.ok() && headers->size == 2 && headers->fragment[0] == 0x82);
  auto priority_only = parse_headers(make_frame(FrameType::Headers, flag::kPriority, 3, "00000001 ff 82"));
  CHECK(priority_only.ok() && priority_only->size == 1);
}

TEST("malformed frames are rejected") {
  CHECK(!parse_data(make_frame(FrameType::Data, 0, 0, "00")).ok());                        // stream 0
  CHECK(!parse_data(make_frame(FrameType::Data, flag::kPadded, 1, "")).ok());              // no pad length
  CHECK(!parse_data(make_frame(FrameType::Data, flag::kPadded, 1, "03 aabb")).ok());       // padding as long as the payload
  CHECK(parse_data(make_frame(FrameType::Data, flag::kPadded, 1, "01 00")).ok());          // all padding: empty data
  CHECK(!parse_headers(make_frame(FrameType::Headers, flag::kPriority, 1, "00000001")).ok());   // short priority
  CHECK(!parse_headers(make_frame(FrameType::Headers, flag::kPriority, 1, "00000001 10")).ok());  // self dependency
  CHECK(!parse_settings(make_frame(FrameType::Settings, 0, 0, "0001 0000")).ok());         // not multiple of 6
  CHECK(!parse_settings(make_frame(FrameType::Settings, 0, 1, "")).ok());                  // on a stream
  CHECK(!parse_settings(make_frame(FrameType::Settings, flag::kAck, 0, "000100001000")).ok());  // ACK with payload
  CHECK(!parse_settings(make_frame(FrameType::Settings, 0, 0, "0002 00000002")).ok());     // ENABLE_PUSH 2
  CHECK(!parse_settings(make_frame(FrameType::Settings, 0, 0, "0004 80000000")).ok());     // window 2^31
  CHECK(!parse_settings(make_frame(FrameType::Settings, 0, 0, "0005 00003fff")).ok());     // frame size 16383
  CHECK(!parse_settings(make_frame(FrameType::Settings, 0, 0, "0005 01000000")).ok());     // frame size 2^24
  CHECK(parse_settings(make_frame(FrameType::Settings, 0, 0, "00ff 12345678")).ok());      // unknown: ignored
  CHECK(!parse_ping(make_frame(FrameType::Ping, 0, 0, "0102")).ok());
  CHECK(!parse_ping(make_frame(FrameType::Ping, 0, 1, "0102030405060708")).ok());
  CHECK(!parse_window_update(make_frame(FrameType::WindowUpdate, 0, 0, "00000000")).ok()); // increment 0
  CHECK(!parse_window_update(make_frame(FrameType::WindowUpdate, 0, 0, "000001")).ok());
  CHECK(!parse_rst_stream(make_frame(FrameType::RstStream, 0, 0, "00000008")).ok());
  CHECK(!parse_rst_stream(make_frame(FrameType::RstStream, 0, 1, "0000000800")).ok());
  CHECK(!parse_goaway(make_frame(FrameType::GoAway, 0, 0, "00000001")).ok());
  CHECK(!parse_goaway(make_frame(FrameType::GoAway, 0, 3, "0000000100000000")).ok());
  CHECK(!check_priority(make_frame(FrameType::Priority, 0, 1, "00000000")).ok());
}

TEST("parser enforces max frame size and the preface") {
  Bytes wire;
  append_frame_header(wire, {16385, 0, 0, 1});
  FrameParser parser;
  parser.feed(wire.data(), wire.size());
  CHECK(!parser.next().ok());

  FrameParser bigger(1 << 20);
  Bytes data(20000, 7);
  Bytes ok_wire;
  append_data_frame(ok_wire, 1, data.data(), data.size(), false);
  bigger.feed(ok_wire.data(), ok_wire.size());
  auto frame = bigger.next();
  CHECK(frame.ok() && frame.value() && frame.value()->payload.size() == 20000);

  FrameParser server(kDefaultMaxFrameSize, true);
  Bytes preface(kConnectionPreface.begin(), kConnectionPreface.end());
  append_settings_ack(preface);
  server.feed(preface.data(), 10);
  CHECK(server.next().ok());
  server.feed(preface.data() + 10, preface.size() - 10);
  auto settings = server.next();
  CHECK(settings.ok() && settings.value() && settings.value()->type() == FrameType::Settings);

  FrameParser wrong(kDefaultMaxFrameSize, true);
  const std::string http1 = "GET / HTTP/1.1\r\n";
  wrong.feed(reinterpret_cast<const std::uint8_t*>(http1.data()), http1.size());
  CHECK(!wrong.next().ok());
}

TEST("HEADERS split into CONTINUATION frames is reassembled") {
  Bytes block(40000);
  for (std::size_t i = 0; i < block.size(); ++i) block[i] = static_cast<std::uint8_t>(i * 7);
  Bytes wire;
  append_header_frames(wire, 5, block, true, kDefaultMaxFrameSize);
  const std::vector<Frame> frames = parse_all(wire);
  CHECK_EQ(frames.size(), std::size_t{3});
  CHECK(frames[0].type() == FrameType::Headers && frames[0].has_flag(flag::kEndStream) &&
        !frames[0].has_flag(flag::kEndHeaders));
  CHECK(frames[2].type() == FrameType::Continuation && frames[2].has_flag(flag::kEndHeaders));
  HeaderBlockAssembler assembler;
  std::optional<HeaderBlock> complete;
  for (const Frame& frame : frames) {
    CHECK(assembler.wants(frame));
    auto result = assembler.accept(frame);
    CHECK(result.ok());
    if (result.ok() && result.value()) complete = std::move(result.value());
  }
  CHECK(complete && complete->fragment == block && complete->stream_id == 5 && complete->end_stream);
}

TEST("header block assembly rejects interleaving and stray CONTINUATION") {
  HeaderBlockAssembler assembler;
  CHECK(!assembler.accept(make_frame(FrameType::Continuation, flag::kEndHeaders, 1, "82")).ok());
  CHECK(assembler.accept(make_frame(FrameType::Headers, 0, 1, "82")).ok());
  CHECK(assembler.in_progress());
  CHECK(!assembler.accept(make_frame(FrameType::Continuation, flag::kEndHeaders, 3, "82")).ok());  // other stream
  HeaderBlockAssembler second;
  CHECK(second.accept(make_frame(FrameType::Headers, 0, 1, "82")).ok());
  const Frame ping = make_frame(FrameType::Ping, 0, 0, "0000000000000000");
  CHECK(second.wants(ping));
  CHECK(!second.accept(ping).ok());
  HeaderBlockAssembler limited(10);
  CHECK(limited.accept(make_frame(FrameType::Headers, 0, 1, "0102030405")).ok());
  CHECK(!limited.accept(make_frame(FrameType::Continuation, 0, 1, "010203040506")).ok());
}

TEST("send window: updates, overflow, negative after SETTINGS change") {
  SendWindow window;
  window.consume(65535);
  CHECK_EQ(window.available(), std::int64_t{0});
  CHECK(window.increase(100).ok());
  CHECK_EQ(window.available(), std::int64_t{100});
  CHECK(window.adjust(-1000).ok());
  CHECK_EQ(window.available(), std::int64_t{-900});
  SendWindow full(kMaxWindowSize);
  CHECK(!full.increase(1).ok());
}

TEST("receive window: rejects overrun, returns credit in batches") {
  ReceiveWindow window(1000);
  CHECK(window.on_received(400).ok());
  CHECK_EQ(window.on_consumed(400), 0u);       // below half: keep batching
  CHECK(window.on_received(200).ok());
  CHECK_EQ(window.on_consumed(200), 600u);     // at least half consumed: give it back
  CHECK_EQ(window.available(), std::int64_t{1000});
  CHECK(!window.on_received(1001).ok());
}

TEST_MAIN("http2_frame_test")
