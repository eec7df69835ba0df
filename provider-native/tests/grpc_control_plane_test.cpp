// The gRPC ControlPlane against the bridge's in-process HTTP/2 test server: what each transport
// outcome becomes for VSS (through decide()), the token metadata, deadlines, reconnecting after a
// restart. The test codec routes each VSS call to one of the test server's behaviours.
#include "call_policy.h"
#include "grpc_control_plane.h"
#include "test_http2_server.hpp"
#include "test_harness.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>

using namespace rmvss::native;
using Clock = std::chrono::steady_clock;

// Request message = the HRESULT to answer (4 bytes, from `context`) + "supported" (1 byte); the
// echo method sends it back, so the reply is whatever the test asked for.
class TestCodec final : public MessageCodec {
public:
    std::string method_path(VssCall call) const override {
        switch (call) {
        case VssCall::CommitSnapshots: return "/test.Echo/Stall";
        case VssCall::PreCommitSnapshots: return "/test.Echo/Fail";
        case VssCall::EndPrepareSnapshots: return "/test.Echo/CloseMidCall";
        case VssCall::GetTargetLuns: return "/test.Echo/Http404";
        case VssCall::AbortSnapshots: return "/rmvss.v1.Provider/AbortSnapshots";  // unknown to the server
        default: return "/test.Echo/Unary";
        }
    }
    bool encode(const CallRequest& r, std::vector<uint8_t>& m) const override {
        if (r.call == VssCall::LocateLuns) return true;  // empty: the reply will not decode
        uint32_t hr = static_cast<uint32_t>(r.context);
        m = {uint8_t(hr >> 24), uint8_t(hr >> 16), uint8_t(hr >> 8), uint8_t(hr), uint8_t(r.luns.size() > 0)};
        return true;
    }
    bool decode(VssCall, const std::vector<uint8_t>& m, Reply& reply) const override {
        if (m.size() != 5) return false;
        reply.hresult = static_cast<int32_t>(uint32_t(m[0]) << 24 | uint32_t(m[1]) << 16 | uint32_t(m[2]) << 8 | m[3]);
        reply.supported = m[4] != 0;
        return true;
    }
};

static Decision verdict(VssCall call, const Reply& r) { return decide(call, r, "127.0.0.1"); }

TEST("the gRPC control plane: every transport outcome, token, deadlines, reconnect") {
    using namespace std::chrono;
    auto codec = std::make_shared<TestCodec>();
    rmvss::test::TestHttp2Server server;
    GrpcEndpoint endpoint;
    CHECK(parse_endpoint("127.0.0.1:" + std::to_string(server.port()), endpoint));
    endpoint.token = "s3cret";
    auto plane = make_grpc_control_plane(endpoint, codec);
    Uuid set;
    DeviceLun lun{"\\\\?\\disk1", {}};

    // Answered: the control plane's HRESULT and data come through.
    Reply r = plane->AreLunsSupported(0, {lun}, seconds(5));
    CHECK(r.reached && r.hresult == 0 && r.supported);
    CHECK(verdict(VssCall::AreLunsSupported, r).supported);
    r = plane->BeginPrepareSnapshot(set, set, static_cast<int32_t>(0x80042312), {lun}, seconds(5));
    CHECK(r.reached && r.hresult == static_cast<int32_t>(0x80042312));
    CHECK(verdict(VssCall::BeginPrepareSnapshot, r).hresult == static_cast<int32_t>(0x80042312));
    bool token_sent = false;
    for (const auto& f : server.last_request_headers())
        if (f.name == "authorization" && f.value == "Bearer s3cret") token_sent = true;
    CHECK(token_sent);

    // Reached but unusable: grpc-status error, HTTP 404, unknown method, undecodable reply.
    for (VssCall call : {VssCall::PreCommitSnapshots, VssCall::AbortSnapshots, VssCall::LocateLuns}) {
        r = call == VssCall::PreCommitSnapshots ? plane->PreCommitSnapshots(set, seconds(5))
            : call == VssCall::AbortSnapshots   ? plane->AbortSnapshots(set, seconds(5))
                                                : plane->LocateLuns({}, seconds(5));
        Decision d = verdict(call, r);
        CHECK(r.reached && d.hresult == hr::VSS_E_PROVIDER_VETO_ && d.event_tag == "EV_EXCEPT");
    }
    r = plane->GetTargetLuns({lun}, seconds(5));
    CHECK(verdict(VssCall::GetTargetLuns, r).hresult == hr::VSS_E_PROVIDER_VETO_);

    // Server closes mid-call: a veto, whichever way the bridge classifies it.
    r = plane->EndPrepareSnapshots(set, seconds(5));
    CHECK(verdict(VssCall::EndPrepareSnapshots, r).hresult == hr::VSS_E_PROVIDER_VETO_);

    // Server never answers: unreachable at the deadline ([EV_ATTHOR]).
    auto start = Clock::now();
    r = plane->CommitSnapshots(set, milliseconds(800));
    auto took = duration_cast<milliseconds>(Clock::now() - start).count();
    Decision d = verdict(VssCall::CommitSnapshots, r);
    CHECK(!r.reached && d.hresult == hr::VSS_E_PROVIDER_VETO_ && d.event_tag == "EV_ATTHOR");
    CHECK(took >= 600 && took < 1200);

    // Still usable after all that (a new connection if needed).
    r = plane->PostFinalCommitSnapshots(set, seconds(5));
    CHECK(r.reached && r.hresult == 0);

    // Control plane restarts on the same port: the next call reconnects.
    uint16_t port = server.port();
    server.stop();
    r = plane->PreFinalCommitSnapshots(set, seconds(2));
    CHECK(!r.reached && verdict(VssCall::PreFinalCommitSnapshots, r).event_tag == "EV_ATTHOR");
    {
        rmvss::test::TestHttp2Server again({}, port);
        r = plane->PreFinalCommitSnapshots(set, seconds(5));
        CHECK(r.reached && r.hresult == 0);
    }

    // Nothing listening: refused quickly, [EV_ATTHOR].
    start = Clock::now();
    r = plane->FillInLunInfo(lun, seconds(5));
    CHECK(!r.reached && verdict(VssCall::FillInLunInfo, r).event_tag == "EV_ATTHOR");
    CHECK(duration_cast<milliseconds>(Clock::now() - start).count() < 2000);

    // Settings helpers.
    GrpcEndpoint e;
    CHECK(parse_endpoint("127.0.0.1:50951", e) && e.host == "127.0.0.1" && e.port == 50951);
    CHECK(!parse_endpoint("127.0.0.1", e) && !parse_endpoint("127.0.0.1:0", e) && !parse_endpoint("h:70000", e) &&
          !parse_endpoint(":1", e) && !parse_endpoint("h:1x", e));
    {
        std::ofstream("grpc_test_token.txt") << "  abc123 \r\nsecond line\n";
    }
    CHECK(read_token_file("grpc_test_token.txt") == "abc123");
    CHECK(read_token_file("no-such-token-file").empty());
    std::remove("grpc_test_token.txt");

}

TEST_MAIN("provider grpc")
