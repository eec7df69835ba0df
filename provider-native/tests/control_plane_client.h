// The bridge's gRPC client to a running `rmvss serve`, found the way the DLL finds it
// (resolve_connection: explicit address / token file, else <state>/port and <state>/token).
// Shared by the benchmark (bench_rpc.cpp) and the bridge-java-server test, so both talk to the
// control plane exactly as the DLL would.
#pragma once

#include "grpc_control_plane.h"
#include "rmvss/bridge/grpc_client.hpp"

#include <chrono>
#include <string>

namespace rmvss::test {

struct ControlPlaneTarget {
    std::string address;     // host:port
    std::string token;       // "" when the token file could not be read
    std::string token_file;
    bridge::grpc::ClientOptions options;
    std::string error;       // not empty: the address is not host:port
};

inline ControlPlaneTarget locate_control_plane(const native::ConnectionSettings& configured) {
    native::ConnectionSettings c = native::resolve_connection(configured, "127.0.0.1:50951");
    ControlPlaneTarget t;
    t.address = c.address;
    t.token_file = c.token_file;
    native::GrpcEndpoint endpoint;
    if (!native::parse_endpoint(c.address, endpoint)) {
        t.error = "control plane address '" + c.address + "' is not host:port";
        return t;
    }
    t.options.host = endpoint.host;
    t.options.port = endpoint.port;
    if (!c.token_file.empty()) t.token = native::read_token_file(c.token_file);
    return t;
}

// A call's options as the DLL sends them: a deadline and the bearer token (none when empty).
inline bridge::grpc::CallOptions call_with_token(const std::string& token, std::chrono::milliseconds timeout) {
    bridge::grpc::CallOptions call;
    call.timeout = timeout;
    if (!token.empty()) call.metadata = {{"authorization", "Bearer " + token}};
    return call;
}

}  // namespace rmvss::test
