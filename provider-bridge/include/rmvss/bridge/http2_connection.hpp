// The client side of one HTTP/2 connection (RFC 9113): preface and SETTINGS exchange,
// stream bookkeeping, connection and stream flow control, PING/SETTINGS acknowledgements,
// GOAWAY and RST_STREAM handling. It is driven by its caller (no threads): every wait is a
// read or write bounded by the caller's deadline.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rmvss/bridge/deadline.hpp"
#include "rmvss/bridge/hpack_decoder.hpp"
#include "rmvss/bridge/hpack_encoder.hpp"
#include "rmvss/bridge/http2_flow_control.hpp"
#include "rmvss/bridge/http2_frame_parser.hpp"
#include "rmvss/bridge/http2_header_block.hpp"
#include "rmvss/bridge/transport.hpp"

namespace rmvss::bridge::http2 {

struct ConnectionSettings {
  std::uint32_t stream_receive_window = 1u << 20;      // our SETTINGS_INITIAL_WINDOW_SIZE
  std::uint32_t connection_receive_window = 1u << 20;  // grown from 65535 right after the preface
  std::uint32_t max_frame_size = kDefaultMaxFrameSize;  // largest frame we accept
  std::uint32_t max_header_list_size = 256 * 1024;
};

// What the peer has sent on one stream so far.
struct StreamState {
  std::uint32_t id = 0;
  std::vector<hpack::HeaderField> headers;   // the first header block
  std::vector<hpack::HeaderField> trailers;  // the second, ending the stream
  bool headers_received = false;
  bool trailers_received = false;
  Bytes data;                       // DATA payloads, padding removed
  bool remote_closed = false;       // END_STREAM seen
  bool local_closed = false;        // we sent END_STREAM
  std::optional<std::uint32_t> reset_code;  // RST_STREAM from the peer
  bool refused_by_goaway = false;   // above the peer's GOAWAY last-stream-id: never processed
  std::string stream_error;         // a stream-level protocol violation by the peer
  SendWindow send_window;
  ReceiveWindow receive_window;

  bool finished() const {
    return remote_closed || reset_code.has_value() || refused_by_goaway || !stream_error.empty();
  }
};

class Connection {
 public:
  Connection(std::unique_ptr<Transport> transport, ConnectionSettings settings = {});
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Connects, sends the preface, our SETTINGS and a connection WINDOW_UPDATE.
  Status open(const Deadline& deadline);
  // True while new streams may be started: open, no GOAWAY, no error, stream ids left.
  bool usable() const;
  // Without blocking, processes anything that arrived while idle (a GOAWAY, a close, a PING).
  void poll_idle();

  // Sends HEADERS (+CONTINUATION) for a new stream and returns its id.
  Result<std::uint32_t> start_stream(const std::vector<hpack::HeaderField>& headers, bool end_stream,
                                     const Deadline& deadline);
  // Sends DATA within the peer's windows, reading frames (e.g. WINDOW_UPDATE) while blocked.
  // Stops early without error if the peer already ended or reset the stream.
  Status send_data(std::uint32_t stream_id, const std::uint8_t* data, std::size_t size, bool end_stream,
                   const Deadline& deadline);
  // Reads and processes at least one batch of incoming bytes.
  Status read_and_process(const Deadline& deadline);

  StreamState* stream(std::uint32_t stream_id);
  // Sends RST_STREAM (best effort, never waits) and forgets the stream.
  void cancel_stream(std::uint32_t stream_id, ErrorCode code);
  // Forgets a finished stream.
  void release_stream(std::uint32_t stream_id);
  // Sends GOAWAY (best effort) and closes the transport.
  void close(ErrorCode code, const std::string& reason);

  bool goaway_received() const { return goaway_.has_value(); }
  const std::optional<GoAway>& goaway() const { return goaway_; }
  std::uint32_t peer_max_frame_size() const { return peer_max_frame_size_; }

 private:
  Status process_frame(const Frame& frame);
  Status on_header_block(HeaderBlock block);
  Status on_data(const Frame& frame);
  Status on_settings(const Frame& frame);
  Status on_window_update(const Frame& frame);
  Status on_goaway(const Frame& frame);
  Status flush(const Deadline& deadline);
  Status fail(ErrorCode code, Error error);

  std::unique_ptr<Transport> transport_;
  ConnectionSettings settings_;
  FrameParser parser_;
  HeaderBlockAssembler header_blocks_;
  hpack::Encoder encoder_;
  hpack::Decoder decoder_;
  std::map<std::uint32_t, StreamState> streams_;
  SendWindow connection_send_window_;
  ReceiveWindow connection_receive_window_;
  std::uint32_t peer_initial_window_ = kDefaultInitialWindowSize;
  std::uint32_t peer_max_frame_size_ = kDefaultMaxFrameSize;
  std::uint32_t next_stream_id_ = 1;
  std::optional<GoAway> goaway_;
  bool open_ = false;
  bool peer_preface_received_ = false;
  bool broken_ = false;
  Bytes read_buffer_;
  Bytes pending_output_;  // control frames (ACKs, WINDOW_UPDATE) not yet written
};

}  // namespace rmvss::bridge::http2
