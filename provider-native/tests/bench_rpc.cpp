// Per-call round trip of one cheap VssProvider RPC through the bridge's gRPC client, natively.
// Not a ctest (timings); run by hand:
//   rmvss-bench-rpc [--state DIR | --address HOST:PORT] [--token-file F] [--rpc NAME] [-n N]
//       against a running control plane (`rmvss serve --state DIR`); NAME is GetProviderCapabilities
//       (default, empty request) or AbortSnapshots (an unknown set id).
//   rmvss-bench-rpc [-n N]            against an in-process fake control plane (bridge cost only)
//   rmvss-bench-rpc --serve PORT      just be that fake control plane (every rpc answers OK,
//                                     empty), e.g. for `bin/vsscoord bench` under Wine
#include "control_plane_client.h"
#include "rmvss/bridge/grpc_client.hpp"
#include "rmvss/bridge/provider_messages.hpp"
#include "test_http2_server.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <thread>

using namespace rmvss;
namespace pb = rmvss::bridge::pb;

int main(int argc, char** argv) {
    std::string address, state, token_file, rpc = "GetProviderCapabilities";
    int n = 1000, serve = -1;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--address") address = value();
        else if (a == "--state") state = value();
        else if (a == "--token-file") token_file = value();
        else if (a == "--rpc") rpc = value();
        else if (a == "-n") n = std::stoi(value());
        else if (a == "--serve") serve = std::stoi(value());
        else {
            std::fprintf(stderr, "usage: see the comment at the top of provider-native/tests/bench_rpc.cpp\n");
            return 2;
        }
    }
    test::ServerConfig fake;
    fake.handler = [](const std::string&, const bridge::Bytes&, test::ScriptedAnswer&) { return true; };
    if (serve >= 0) {
        test::TestHttp2Server server(fake, static_cast<std::uint16_t>(serve));
        std::printf("fake control plane on 127.0.0.1:%u (every rpc: OK, empty)\n", server.port());
        std::fflush(stdout);
        for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
    }
    std::unique_ptr<test::TestHttp2Server> local;
    native::ConnectionSettings c{address, token_file, state};
    if (address.empty() && state.empty()) {
        local = std::make_unique<test::TestHttp2Server>(fake);
        c.address = "127.0.0.1:" + std::to_string(local->port());
    }
    test::ControlPlaneTarget target = test::locate_control_plane(c);
    if (!target.error.empty()) {
        std::fprintf(stderr, "%s\n", target.error.c_str());
        return 2;
    }
    bridge::grpc::Client client(target.options);
    const bridge::grpc::CallOptions call = test::call_with_token(target.token, std::chrono::milliseconds(5000));
    bridge::Bytes request;
    if (rpc == "AbortSnapshots") request = pb::encode(pb::AbortSnapshotsRequest{"00000000-0000-4000-8000-0000000be0c4"});
    const std::string path = pb::method_path(rpc);

    std::vector<double> ms;
    int failures = 0;
    std::string last_error;
    for (int i = 0; i < n + 20; ++i) {
        auto start = std::chrono::steady_clock::now();
        auto result = client.call(path, request, call);
        double took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (!result.ok()) {
            ++failures;
            last_error = std::string(bridge::grpc::to_string(result.status)) + ": " + result.message + " " + result.failure_reason;
        }
        if (i >= 20) ms.push_back(took);  // the first 20 warm up (connection, server JIT)
    }
    std::sort(ms.begin(), ms.end());
    auto pct = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))]; };
    std::printf("bench %s natively through the bridge to %s%s: %zu calls, p50 %.3f ms, p99 %.3f ms, max %.3f ms, %d not OK%s%s\n",
                rpc.c_str(), target.address.c_str(), local ? " (in-process fake control plane)" : "", ms.size(), pct(0.5),
                pct(0.99), ms.back(), failures, failures ? ", last: " : "", last_error.c_str());
    return 0;
}
