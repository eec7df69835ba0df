// Decoder entry points shared by the libFuzzer targets (clang, RMVSS_FUZZ) and the
// deterministic robustness test that runs under g++ in ctest. Each takes arbitrary bytes,
// must never crash or hang, and aborts only when a round-trip invariant breaks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "rmvss/bridge/bytes.hpp"

namespace rmvss::fuzz {

// HPACK: a sequence of header blocks on one decoder, Huffman strings, and re-encoding.
void hpack_decoder_input(const std::uint8_t* data, std::size_t size);
// HTTP/2: the frame parser and every payload parser, then the client Connection and the
// gRPC Client fed these bytes as the server's side of the connection.
void http2_frames_input(const std::uint8_t* data, std::size_t size);
// Protobuf: walks fields, recursing into length-delimited values as nested messages.
void protobuf_reader_input(const std::uint8_t* data, std::size_t size);
// VssProvider messages: the first byte picks the message type (responses, LunInformation,
// google.rpc.Status -> ProviderFault); a decoded message must re-encode and decode to itself.
void provider_messages_input(const std::uint8_t* data, std::size_t size);

// Valid inputs for the mutation-based robustness test and as libFuzzer seed corpora.
std::vector<bridge::Bytes> hpack_seeds();
std::vector<bridge::Bytes> http2_seeds();
std::vector<bridge::Bytes> protobuf_seeds();
std::vector<bridge::Bytes> provider_message_seeds();

}  // namespace rmvss::fuzz
