#include "fuzz_entry_points.hpp"

#include <cstdlib>
#include <memory>
#include <string>

#include "rmvss/bridge/grpc_client.hpp"
#include "rmvss/bridge/grpc_framing.hpp"
#include "rmvss/bridge/grpc_text.hpp"
#include "rmvss/bridge/hpack_decoder.hpp"
#include "rmvss/bridge/hpack_encoder.hpp"
#include "rmvss/bridge/hpack_huffman.hpp"
#include "rmvss/bridge/http2_connection.hpp"
#include "rmvss/bridge/http2_frame_parser.hpp"
#include "rmvss/bridge/http2_header_block.hpp"
#include "rmvss/bridge/protobuf_wire.hpp"
#include "rmvss/bridge/provider_messages.hpp"

#define FUZZ_REQUIRE(cond) \
  do {                     \
    if (!(cond)) std::abort(); \
  } while (0)

namespace rmvss::fuzz {

using namespace rmvss::bridge;
using hpack::HeaderField;

namespace {

// Plays fixed bytes as the server: writes are discarded, reads hand out the input in
// chunks, and an exhausted script reports a deadline at once instead of waiting.
class ScriptedTransport final : public Transport {
 public:
  ScriptedTransport(const std::uint8_t* data, std::size_t size, std::size_t chunk)
      : data_(data), size_(size), chunk_(chunk == 0 ? 1 : chunk) {}
  Status connect(const Deadline&) override { return {}; }
  Status write_all(const std::uint8_t*, std::size_t, const Deadline&) override { return {}; }
  Result<std::size_t> read_some(std::uint8_t* buffer, std::size_t capacity, const Deadline&) override {
    if (position_ == size_) return make_error(ErrorKind::DeadlineExceeded, "script exhausted");
    std::size_t n = std::min({chunk_, capacity, size_ - position_});
    std::copy(data_ + position_, data_ + position_ + n, buffer);
    position_ += n;
    return n;
  }
  bool readable_now() override { return position_ < size_; }
  void close() override {}
  std::string peer() const override { return "script"; }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t chunk_;
  std::size_t position_ = 0;
};

void check_hpack_round_trip(const std::vector<HeaderField>& fields) {
  for (bool dynamic : {false, true}) {
    hpack::Encoder encoder(hpack::EncoderOptions{dynamic, true});
    hpack::Decoder decoder(hpack::DecoderLimits{4096, 1 << 30});
    Bytes block;
    encoder.encode(fields, block);
    auto decoded = decoder.decode(block.data(), block.size());
    FUZZ_REQUIRE(decoded.ok());
    FUZZ_REQUIRE(decoded.value() == fields);
  }
}

void walk_message(protobuf::Reader reader, int depth) {
  for (int fields = 0; fields < 10000; ++fields) {
    auto tag = reader.next_field();
    if (!tag || !tag.value()) return;
    switch (tag.value()->type) {
      case protobuf::WireType::Varint: {
        auto value = reader.read_varint();
        if (!value) return;
        Bytes encoded;
        protobuf::append_varint(encoded, value.value());
        FUZZ_REQUIRE(encoded.size() <= 10);
        FUZZ_REQUIRE(protobuf::zigzag_encode(protobuf::zigzag_decode(value.value())) == value.value());
        break;
      }
      case protobuf::WireType::LengthDelimited: {
        auto slice = reader.read_length_delimited();
        if (!slice) return;
        if (depth < 8) walk_message(protobuf::Reader(slice->data, slice->size), depth + 1);
        break;
      }
      case protobuf::WireType::Fixed32:
        if (!reader.read_float()) return;
        break;
      case protobuf::WireType::Fixed64:
        if (!reader.read_double()) return;
        break;
      default:
        if (!reader.skip(tag.value()->type)) return;
    }
  }
}

template <typename T>
void provider_message_round_trip(const std::uint8_t* data, std::size_t size) {
  auto m = bridge::pb::decode<T>(data, size);
  if (!m) return;
  const Bytes again = bridge::pb::encode(m.value());
  auto back = bridge::pb::decode<T>(again);
  FUZZ_REQUIRE(back.ok());
  FUZZ_REQUIRE(back.value() == m.value());
  FUZZ_REQUIRE(bridge::pb::encode(back.value()) == again);
  (void)bridge::pb::to_text(m.value());
}

}  // namespace

void hpack_decoder_input(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  // First byte: table size limit and how to cut the rest into blocks.
  const std::size_t table_limit = static_cast<std::size_t>(data[0] & 0x0f) * 512;
  const std::size_t block_size = (data[0] >> 4) == 0 ? size : static_cast<std::size_t>(data[0] >> 4) * 8;
  hpack::Decoder decoder(hpack::DecoderLimits{table_limit, 64 * 1024});
  for (std::size_t offset = 1; offset < size; offset += block_size) {
    const std::size_t n = std::min(block_size, size - offset);
    auto fields = decoder.decode(data + offset, n);
    if (!fields) break;  // a decoding error is a connection error: stop like a real peer
    FUZZ_REQUIRE(decoder.table().size() <= decoder.table().max_size());
    check_hpack_round_trip(fields.value());
  }
  // The Huffman decoder alone: a valid encoding is unique, so re-encoding reproduces it.
  auto text = hpack::huffman_decode(data + 1, size - 1);
  if (text) {
    Bytes again;
    hpack::huffman_encode(text.value(), again);
    FUZZ_REQUIRE(again == Bytes(data + 1, data + size));
  }
  auto percent = grpc::percent_decode(std::string(reinterpret_cast<const char*>(data), size));
  auto base64 = grpc::base64_decode(std::string(reinterpret_cast<const char*>(data), size));
  (void)percent;
  (void)base64;
}

void http2_frames_input(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  const std::size_t chunk = std::size_t{data[0]} * 7 + 1;
  const std::uint8_t* body = data + 1;
  const std::size_t body_size = size - 1;

  // 1. Frame parser and the payload parsers, as a server would see a client's bytes.
  http2::FrameParser parser(http2::kDefaultMaxFrameSize, (data[0] & 1) != 0);
  http2::HeaderBlockAssembler blocks(64 * 1024);
  hpack::Decoder decoder;
  for (std::size_t offset = 0; offset < body_size; offset += chunk) {
    parser.feed(body + offset, std::min(chunk, body_size - offset));
    bool failed = false;
    for (;;) {
      auto frame = parser.next();
      if (!frame) {
        failed = true;
        break;
      }
      if (!frame.value()) break;
      const http2::Frame& f = *frame.value();
      FUZZ_REQUIRE(f.payload.size() == f.header.length);
      (void)http2::parse_data(f);
      (void)http2::parse_settings(f);
      (void)http2::parse_ping(f);
      (void)http2::parse_window_update(f);
      (void)http2::parse_rst_stream(f);
      (void)http2::parse_goaway(f);
      (void)http2::check_priority(f);
      if (blocks.wants(f)) {
        auto block = blocks.accept(f);
        if (!block) {
          failed = true;
          break;
        }
        if (block.value()) (void)decoder.decode(block.value()->fragment.data(), block.value()->fragment.size());
      }
    }
    if (failed) break;
  }

  // 2. The client connection with these bytes as the server's reply to a request.
  {
    http2::ConnectionSettings settings;
    settings.stream_receive_window = 16384;
    http2::Connection connection(std::make_unique<ScriptedTransport>(body, body_size, chunk), settings);
    const Deadline deadline = Deadline::after(std::chrono::seconds(5));
    if (connection.open(deadline)) {
      auto id = connection.start_stream({{":method", "POST"}, {":path", "/a.B/C"}}, false, deadline);
      if (id) {
        // Large enough to block on the default windows only when the input asks for it.
        Bytes request((data[0] & 2) != 0 ? 70000 : 100, 1);
        if (connection.send_data(id.value(), request.data(), request.size(), true, deadline)) {
          for (int reads = 0; reads < 100000; ++reads) {
            http2::StreamState* state = connection.stream(id.value());
            if (state == nullptr || state->finished()) break;
            if (!connection.read_and_process(deadline)) break;
          }
        }
      }
    }
  }

  // 3. The whole gRPC client: interpretation of headers, trailers and messages.
  grpc::ClientOptions options;
  options.max_receive_message_size = 64 * 1024;
  options.transport_factory = [body, body_size, chunk]() -> std::unique_ptr<Transport> {
    return std::make_unique<ScriptedTransport>(body, body_size, chunk);
  };
  grpc::Client client(options);
  grpc::CallOptions call;
  call.timeout = std::chrono::milliseconds(5000);
  grpc::CallResult result = client.call("/rmvss.v1.Provider/Fuzz", Bytes(100, 2), call);
  FUZZ_REQUIRE(result.ok() == (result.failure == grpc::CallFailure::None && result.status == grpc::StatusCode::Ok));
  FUZZ_REQUIRE(result.response.size() <= options.max_receive_message_size);
}

void protobuf_reader_input(const std::uint8_t* data, std::size_t size) {
  walk_message(protobuf::Reader(data, size), 0);
}

std::vector<Bytes> hpack_seeds() {
  std::vector<Bytes> seeds;
  const std::vector<std::vector<HeaderField>> lists = {
      {{":method", "POST"}, {":scheme", "http"}, {":path", "/rmvss.v1.Provider/Commit"}, {":authority", "host:1"},
       {"content-type", "application/grpc"}, {"te", "trailers"}, {"grpc-timeout", "8000m"},
       {"authorization", "Bearer x.y.z", true}},
      {{":status", "200"}, {"content-type", "application/grpc"}, {"grpc-status", "5"},
       {"grpc-message", "not%20found"}, {"grpc-status-details-bin", "CAUSBGdvbmU"}},
      {{"custom-key", "custom-header"}, {"cache-control", "no-cache"}, {"set-cookie", std::string(100, 'c')}},
  };
  for (std::uint8_t first : {std::uint8_t{0x08}, std::uint8_t{0x28}, std::uint8_t{0xf1}}) {
    for (bool dynamic : {false, true}) {
      hpack::Encoder encoder(hpack::EncoderOptions{dynamic, true});
      Bytes seed = {first};
      for (const auto& list : lists) encoder.encode(list, seed);
      seeds.push_back(seed);
    }
  }
  return seeds;
}

std::vector<Bytes> http2_seeds() {
  using namespace rmvss::bridge::http2;
  std::vector<Bytes> seeds;
  for (int variant = 0; variant < 4; ++variant) {
    Bytes s = {static_cast<std::uint8_t>(variant * 40)};
    hpack::Encoder encoder(hpack::EncoderOptions{variant % 2 == 1, true});
    append_settings_frame(s, {{4, 1 << 20}, {5, 16384}, {3, 100}});
    append_settings_ack(s);
    append_ping_frame(s, PingData{1, 2, 3, 4, 5, 6, 7, 8}, false);
    append_window_update_frame(s, 0, 100000);
    append_window_update_frame(s, 1, 100000);
    Bytes block;
    if (variant == 2) {
      encoder.encode({{":status", "200"}, {"content-type", "application/grpc"}, {"grpc-status", "9"},
                      {"grpc-message", "pair%20busy"}, {"grpc-status-details-bin", "CAkSBGJ1c3k"}}, block);
      append_header_frames(s, 1, block, true, 16);  // with CONTINUATION frames
    } else {
      encoder.encode({{":status", "200"}, {"content-type", "application/grpc"}}, block);
      append_header_frames(s, 1, block, false, 16384);
      Bytes message;
      const Bytes payload(variant == 3 ? 40000 : 10, 0x41);
      grpc::append_message(message, payload.data(), payload.size());
      for (std::size_t offset = 0; offset < message.size(); offset += 16384) {
        const std::size_t n = std::min<std::size_t>(16384, message.size() - offset);
        append_data_frame(s, 1, message.data() + offset, n, false);
      }
      block.clear();
      encoder.encode({{"grpc-status", "0"}, {"x-trailer", "t"}}, block);
      append_header_frames(s, 1, block, true, 16384);
    }
    append_goaway_frame(s, 1, ErrorCode::NoError, "bye");
    seeds.push_back(s);
  }
  return seeds;
}

void provider_messages_input(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  namespace pb = bridge::pb;
  const std::uint8_t* body = data + 1;
  const std::size_t n = size - 1;
  switch (data[0] % 10) {
    case 0: provider_message_round_trip<pb::LunInformation>(body, n); break;
    case 1: provider_message_round_trip<pb::AreLunsSupportedResponse>(body, n); break;
    case 2: provider_message_round_trip<pb::FillInLunInfoResponse>(body, n); break;
    case 3: provider_message_round_trip<pb::GetTargetLunsResponse>(body, n); break;
    case 4: provider_message_round_trip<pb::GetResyncStatusResponse>(body, n); break;
    case 5: provider_message_round_trip<pb::ResyncLunsResponse>(body, n); break;
    case 6: provider_message_round_trip<pb::RpcStatus>(body, n); break;
    case 7: provider_message_round_trip<pb::AreLunsSupportedRequest>(body, n); break;
    case 8: provider_message_round_trip<pb::OnLunStateChangeRequest>(body, n); break;
    default: {
      auto fault = pb::provider_fault_from_status_details(Bytes(body, body + n));
      if (fault && fault.value()) {
        const Bytes encoded = pb::encode(*fault.value());
        auto back = pb::decode<pb::ProviderFault>(encoded);
        FUZZ_REQUIRE(back.ok() && back.value() == *fault.value());
      }
    }
  }
}

std::vector<Bytes> provider_message_seeds() {
  namespace pb = bridge::pb;
  pb::LunInformation lun;
  lun.version = 1;
  lun.command_queueing = true;
  lun.vendor_id = Bytes{'H', 'I'};
  lun.product_id = Bytes{};
  lun.disk_signature = "6b1d3a4e-0000-4000-8000-000000000012";
  lun.identifiers.push_back(pb::StorageIdentifier{1, 3, Bytes{0x60, 0x06, 0x0e}});
  lun.interconnects.push_back(pb::Interconnect{2, Bytes{'C', 'L'}, Bytes{0x50}});
  auto with = [](std::uint8_t selector, const Bytes& body) {
    Bytes s = {selector};
    s.insert(s.end(), body.begin(), body.end());
    return s;
  };
  pb::AreLunsSupportedResponse are;
  are.supported = true;
  are.luns = {lun, lun};
  pb::FillInLunInfoResponse fill;
  fill.lun = lun;
  pb::GetTargetLunsResponse targets;
  targets.targets = {lun};
  pb::GetResyncStatusResponse status;
  status.done = true;
  status.percent = 50;
  status.hresult = -2147212538;
  pb::ResyncLunsResponse resync;
  resync.operation_id = "op";
  pb::ProviderFault fault;
  fault.hresult = -2147212538;
  fault.event_code = "EV_INVSTP";
  fault.message = "[EV_INVSTP] Invalid pair status";
  const Bytes details = pb::status_details_with_fault(10, "aborted", fault);
  pb::AreLunsSupportedRequest request;
  request.context = -1;
  request.luns.push_back(pb::DeviceLun{"\\\\?\\scsi", lun});
  pb::OnLunStateChangeRequest change;
  change.snapshot_luns = {lun};
  change.original_luns = {lun};
  change.flags = 3;
  return {with(0, pb::encode(lun)),     with(1, pb::encode(are)),     with(2, pb::encode(fill)),
          with(3, pb::encode(targets)), with(4, pb::encode(status)),  with(5, pb::encode(resync)),
          with(6, details),             with(7, pb::encode(request)), with(8, pb::encode(change)),
          with(9, details)};
}

std::vector<Bytes> protobuf_seeds() {
  protobuf::Writer inner;
  inner.write_string(1, "{6b1d3a4e-0000-4000-8000-000000000001}");
  inner.write_varint(2, 300);
  protobuf::Writer outer;
  outer.write_message(1, inner);
  outer.write_sint64(2, -12345);
  outer.write_fixed32(3, 7);
  outer.write_fixed64(4, 8);
  outer.write_bool(5, true);
  outer.write_message(6, outer);
  return {outer.data(), inner.data()};
}

}  // namespace rmvss::fuzz
