// The bridge (gRPC client + provider_messages codec) against the real Java control plane, natively:
// `rmvss serve` on the seed's 3.7.2 site of the simulated array, set up and restarted by
// tests/bridge-java-server/run.sh (which runs this; ctest `bridge-java-server`).
//   bridge_java_server_test --state DIR --pairs CMD --control-plane CMD
//     --state          the control plane's state directory (port, token)
//     --pairs          a shell command printing `pairdisplay -g snap` of the P-VOL side
//     --control-plane  a shell command taking "stop TERM|KILL" or "start PORT"
// The array daemon runs raidvchkset (LocateLuns/OnLunEmpty hide and unhide the S-VOL) with 2 s of
// latency, so LocateLuns outlives a short deadline.
// Tests run in order and share one client, as the DLL shares one per process.
#include "control_plane_client.h"
#include "grpc_control_plane.h"
#include "proto_codec.h"
#include "rmvss/bridge/grpc_client.hpp"
#include "rmvss/bridge/provider_messages.hpp"
#include "test_harness.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

using namespace rmvss;
namespace pb = rmvss::bridge::pb;
namespace grpc = rmvss::bridge::grpc;
using rmvss::test::report_failure;
using std::chrono::milliseconds;

namespace {

struct Site {
    std::string state, pairs_command, control_plane_command;
    std::unique_ptr<grpc::Client> client;
    test::ControlPlaneTarget target;
    pb::LunInformation target_lun;  // the S-VOL as GetTargetLuns reported it
    bool created = false;
};
Site g;

constexpr std::int32_t kObjectNotFound = static_cast<std::int32_t>(0x80042308);  // VSS_E_OBJECT_NOT_FOUND
constexpr std::int32_t kBadState = static_cast<std::int32_t>(0x80042301);        // VSS_E_BAD_STATE
const std::string kSet = "7d1f6a52-0000-4000-8000-00000000b1d9";
const std::string kSnapshot = "7d1f6a52-0000-4000-8000-00000000b1da";
const std::string kPvolDevice = R"(\\?\scsi#disk&ven_hitachi&prod_open-3#1&0f420&0&000012)";
const std::string kSvolDevice = R"(\\?\scsi#disk&ven_hitachi&prod_open-3#1&0f420&0&000013)";

bridge::Bytes ascii(const std::string& s) { return bridge::Bytes(s.begin(), s.end()); }

// Page 0x83 NAA designator of an LDEV of the simulated array (io.rmvss.array.host.InquiryData).
bridge::Bytes naa(std::uint32_t serial, std::uint32_t ldev) {
    bridge::Bytes b{0x60, 0x06, 0x0e, 0x80};
    for (std::uint32_t v : {serial, 0u, ldev})
        for (int shift = 24; shift >= 0; shift -= 8) b.push_back(static_cast<std::uint8_t>(v >> shift));
    return b;
}

// E: (LDEV 18 of array 62496) as the host's SCSI inquiry reports it.
pb::LunInformation pvol_lun() {
    pb::LunInformation l;
    l.version = 1;
    l.command_queueing = true;
    l.bus_type = 6;  // fibre
    l.vendor_id = ascii("HITACHI ");
    l.product_id = ascii("OPEN-3          ");
    l.product_revision = ascii("2106");
    l.serial_number = ascii("50 0F420 0012");
    l.disk_signature = "6b1d3a4e-0000-4000-8000-000000000012";
    l.device_id_descriptor_version = 1;
    l.identifiers.push_back(pb::StorageIdentifier{1, 3, naa(62496, 18)});
    l.identifiers.push_back(pb::StorageIdentifier{2, 1, ascii("HITACHI 50 0F420 0012")});
    l.interconnects.push_back(pb::Interconnect{2, ascii("CL2-C"), bridge::Bytes{0x50, 0x06, 0x0e, 0x80, 0x00, 0xf4, 0x20, 0x25}});
    return l;
}

std::string describe(const grpc::CallResult& r) {
    if (r.failure != grpc::CallFailure::None) return std::string(grpc::to_string(r.failure)) + ": " + r.failure_reason;
    return std::string(grpc::to_string(r.status)) + ": " + r.message;
}

template <typename Request>
grpc::CallResult call(const std::string& rpc, const Request& request, milliseconds timeout = milliseconds(30000),
                      const std::string& token_override = "-") {
    const std::string token = token_override == "-" ? g.target.token : token_override;
    return g.client->call(pb::method_path(rpc), pb::encode(request), test::call_with_token(token, timeout));
}

// An OK call whose response decodes; reports the step otherwise.
template <typename Response, typename Request>
std::optional<Response> ok(const std::string& rpc, const Request& request, milliseconds timeout = milliseconds(30000)) {
    grpc::CallResult r = call(rpc, request, timeout);
    if (!r.ok()) {
        report_failure(__FILE__, __LINE__, rpc + " failed: " + describe(r));
        return std::nullopt;
    }
    auto decoded = pb::decode<Response>(r.response);
    if (!decoded) {
        report_failure(__FILE__, __LINE__, rpc + "'s response does not decode: " + decoded.error().reason);
        return std::nullopt;
    }
    return decoded.value();
}

// The ProviderFault a failed call carried (report and nullopt when there is none).
std::optional<pb::ProviderFault> fault_of(const std::string& rpc, const grpc::CallResult& r) {
    auto fault = pb::provider_fault_from_status_details(r.status_details);
    if (!fault || !fault.value()) {
        report_failure(__FILE__, __LINE__, rpc + ": no ProviderFault in grpc-status-details-bin (" + describe(r) + ")");
        return std::nullopt;
    }
    return *fault.value();
}

std::string run(const std::string& command) {
    std::string out;
    if (FILE* p = ::popen((command + " 2>&1").c_str(), "r")) {
        std::array<char, 4096> buf{};
        while (std::fgets(buf.data(), static_cast<int>(buf.size()), p)) out += buf.data();
        ::pclose(p);
    }
    return out;
}
bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }
bool has_state(const std::string& pairs, const std::string& vol, const std::string& status) {
    // pairdisplay columns: ... P-VOL  PSUS ...
    for (size_t at = pairs.find(vol); at != std::string::npos; at = pairs.find(vol, at + 1)) {
        size_t s = pairs.find_first_not_of(' ', at + vol.size());
        if (s != std::string::npos && pairs.compare(s, status.size(), status) == 0) return true;
    }
    return false;
}

bool control_plane(const std::string& args) {
    int rc = std::system((g.control_plane_command + " " + args).c_str());
    if (rc != 0) report_failure(__FILE__, __LINE__, "control plane " + args + " failed (exit " + std::to_string(rc) + ")");
    return rc == 0;
}

long long since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST("the control plane is found through its state directory, as the DLL finds it") {
    g.target = test::locate_control_plane(native::ConnectionSettings{"", "", g.state});
    CHECK(g.target.error.empty());
    CHECK_EQ(g.target.options.host, std::string("127.0.0.1"));
    CHECK(!g.target.token.empty());
    g.client = std::make_unique<grpc::Client>(g.target.options);
    auto caps = ok<pb::GetProviderCapabilitiesResponse>("GetProviderCapabilities", pb::GetProviderCapabilitiesRequest{});
    CHECK(caps.has_value());
    if (caps) CHECK_EQ(caps->capabilities, 0u);  // SnapshotProvider.getProviderCapabilities
    CHECK_EQ(g.client->connections_opened(), 1u);
}

TEST("a wrong or missing token: UNAUTHENTICATED, naming the token file, and no call runs") {
    grpc::CallResult wrong = call("AbortSnapshots", pb::AbortSnapshotsRequest{kSet}, milliseconds(10000), "not-the-token");
    CHECK(wrong.failure == grpc::CallFailure::None);
    CHECK(wrong.status == grpc::StatusCode::Unauthenticated);
    CHECK(contains(wrong.message, "bearer token is not this install's"));
    CHECK(contains(wrong.message, g.target.token_file));
    CHECK(wrong.status_details.empty());  // refused before the service: no ProviderFault
    grpc::CallResult none = call("AbortSnapshots", pb::AbortSnapshotsRequest{kSet}, milliseconds(10000), "");
    CHECK(none.status == grpc::StatusCode::Unauthenticated);
    CHECK(contains(none.message, "no 'authorization' header"));
}

TEST("an unknown snapshot set: NOT_FOUND, ProviderFault VSS_E_OBJECT_NOT_FOUND [EV_ENOOBJ] naming the set") {
    const std::string unknown = "7d1f6a52-0000-4000-8000-0000000e0e0e";
    grpc::CallResult r = call("AbortSnapshots", pb::AbortSnapshotsRequest{unknown});
    CHECK(r.failure == grpc::CallFailure::None);
    CHECK(r.status == grpc::StatusCode::NotFound);
    if (auto f = fault_of("AbortSnapshots", r)) {
        CHECK_EQ(f->hresult, kObjectNotFound);
        CHECK_EQ(f->event_code, std::string("EV_ENOOBJ"));
        CHECK(contains(f->message, "[EV_ENOOBJ]"));
        CHECK(contains(f->detail, unknown));
        CHECK(!f->cause.empty() && !f->correction.empty());
    }
    // The DLL's own path (GrpcControlPlane + proto codec) maps it to the same HRESULT, event already written.
    native::GrpcEndpoint endpoint;
    CHECK(native::parse_endpoint(g.target.address, endpoint));
    endpoint.token = g.target.token;
    endpoint.token_file = g.target.token_file;
    auto plane = native::make_grpc_control_plane(endpoint, native::make_proto_codec());
    native::Uuid id;
    CHECK(native::parse_uuid(unknown, id));
    native::Reply reply = plane->AbortSnapshots(id, milliseconds(10000));
    CHECK(reply.reached);
    CHECK_EQ(reply.hresult, kObjectNotFound);
    CHECK(reply.event_reported);
}

TEST("a LUN that is not Hitachi's: AreLunsSupported answers not supported") {
    pb::LunInformation other;
    other.version = 1;
    other.bus_type = 3;
    other.vendor_id = ascii("ATA     ");
    other.product_id = ascii("WDC WD10EZEX    ");
    other.product_revision = ascii("1.0 ");
    other.serial_number = ascii("WD-123");
    pb::AreLunsSupportedRequest req;
    req.luns.push_back(pb::DeviceLun{R"(\\?\ide#disk)", other});
    auto r = ok<pb::AreLunsSupportedResponse>("AreLunsSupported", req);
    if (r) {
        CHECK(!r->supported);
        CHECK_EQ(r->luns.size(), 1u);
        if (r->luns.size() == 1) CHECK(r->luns[0] == other);
    }
}

TEST("create: AreLunsSupported ... PostFinalCommitSnapshots, GetTargetLuns; pairdisplay P-VOL PSUS, S-VOL COPY/SSUS") {
    const pb::LunInformation pvol = pvol_lun();
    pb::AreLunsSupportedRequest supported;
    supported.context = 0;  // VSS_CTX_BACKUP
    supported.luns.push_back(pb::DeviceLun{kPvolDevice, pvol});
    auto s = ok<pb::AreLunsSupportedResponse>("AreLunsSupported", supported);
    if (!s) return;
    CHECK(s->supported);
    CHECK_EQ(s->luns.size(), 1u);
    if (s->luns.size() == 1) CHECK(s->luns[0] == pvol);  // interconnects untouched

    if (!ok<pb::OnLoadResponse>("OnLoad", pb::OnLoadRequest{})) return;
    pb::BeginPrepareSnapshotRequest begin;
    begin.snapshot_set_id = kSet;
    begin.snapshot_id = kSnapshot;
    begin.luns.push_back(pb::DeviceLun{kPvolDevice, pvol});
    if (!ok<pb::BeginPrepareSnapshotResponse>("BeginPrepareSnapshot", begin)) return;
    if (!ok<pb::EndPrepareSnapshotsResponse>("EndPrepareSnapshots", pb::EndPrepareSnapshotsRequest{kSet})) return;
    if (!ok<pb::PreCommitSnapshotsResponse>("PreCommitSnapshots", pb::PreCommitSnapshotsRequest{kSet})) return;
    // CommitSnapshots within the DLL's 4 s deadline, as VSS holds writes for 10 s.
    if (!ok<pb::CommitSnapshotsResponse>("CommitSnapshots", pb::CommitSnapshotsRequest{kSet}, milliseconds(4000))) return;
    std::string pairs = run(g.pairs_command);
    CHECK(has_state(pairs, "P-VOL", "PSUS"));
    CHECK(has_state(pairs, "S-VOL", "COPY") || has_state(pairs, "S-VOL", "SSUS"));
    if (!has_state(pairs, "P-VOL", "PSUS")) std::printf("%s", pairs.c_str());
    if (!ok<pb::PostCommitSnapshotsResponse>("PostCommitSnapshots", pb::PostCommitSnapshotsRequest{kSet, 1})) return;
    if (!ok<pb::PreFinalCommitSnapshotsResponse>("PreFinalCommitSnapshots", pb::PreFinalCommitSnapshotsRequest{kSet})) return;
    if (!ok<pb::PostFinalCommitSnapshotsResponse>("PostFinalCommitSnapshots", pb::PostFinalCommitSnapshotsRequest{kSet})) return;

    // The shadow copy: the S-VOL (LDEV 19) with the P-VOL's inquiry strings and page 0x80 serial (seed 3.7.4).
    pb::GetTargetLunsRequest targets;
    targets.sources.push_back(pb::DeviceLun{kPvolDevice, pvol});
    auto t = ok<pb::GetTargetLunsResponse>("GetTargetLuns", targets);
    if (!t) return;
    CHECK_EQ(t->targets.size(), 1u);
    if (t->targets.size() != 1) return;
    const pb::LunInformation& svol = t->targets[0];
    CHECK(svol.vendor_id == pvol.vendor_id && svol.product_id == pvol.product_id);
    CHECK(svol.product_revision == pvol.product_revision && svol.serial_number == pvol.serial_number);
    CHECK_EQ(svol.identifiers.size(), 1u);
    if (svol.identifiers.size() == 1) CHECK(svol.identifiers[0] == (pb::StorageIdentifier{1, 3, naa(62496, 19)}));
    CHECK_EQ(svol.disk_signature, std::string("00000000-0000-0000-0000-000000000000"));  // not yet seen by a host
    CHECK(svol.interconnects == pvol.interconnects);
    g.target_lun = svol;
    g.created = true;

    // Out of order on a created set: VSS_E_BAD_STATE [EV_INVSEQ].
    grpc::CallResult again = call("CommitSnapshots", pb::CommitSnapshotsRequest{kSet}, milliseconds(4000));
    CHECK(again.status == grpc::StatusCode::FailedPrecondition);
    if (auto f = fault_of("CommitSnapshots", again)) {
        CHECK_EQ(f->hresult, kBadState);
        CHECK_EQ(f->event_code, std::string("EV_INVSEQ"));
    }
}

TEST("deadline: LocateLuns outliving its grpc-timeout ends DEADLINE_EXCEEDED on time; the call after it works") {
    if (!g.created) return report_failure(__FILE__, __LINE__, "no shadow copy (create failed)");
    pb::LocateLunsRequest locate;
    locate.sources.push_back(g.target_lun);
    const auto opened = g.client->connections_opened();
    auto start = std::chrono::steady_clock::now();
    grpc::CallResult r = call("LocateLuns", locate, milliseconds(700));  // raidvchkset takes 2 s
    long long took = since(start);
    std::printf("  LocateLuns with a 700 ms deadline: %s after %lld ms\n", describe(r).c_str(), took);
    CHECK(r.failure == grpc::CallFailure::DeadlineExceeded);
    CHECK(r.status == grpc::StatusCode::DeadlineExceeded);
    CHECK(took >= 650 && took < 1200);
    // The server finished (or finishes) the work regardless; asking again succeeds on the same connection.
    start = std::chrono::steady_clock::now();
    CHECK(ok<pb::LocateLunsResponse>("LocateLuns", locate, milliseconds(20000)).has_value());
    std::printf("  LocateLuns again with 20 s: OK after %lld ms\n", since(start));
    CHECK_EQ(g.client->connections_opened(), opened);
}

TEST("import and delete: FillInLunInfo, OnLunEmpty; pairdisplay P-VOL COPY/PAIR") {
    if (!g.created) return report_failure(__FILE__, __LINE__, "no shadow copy (create failed)");
    pb::FillInLunInfoRequest fill;
    fill.lun = pb::DeviceLun{kSvolDevice, g.target_lun};
    auto f = ok<pb::FillInLunInfoResponse>("FillInLunInfo", fill);
    if (f) {
        CHECK(f->supported);
        CHECK(f->lun.has_value() && *f->lun == g.target_lun);
    }
    pb::OnLunEmptyRequest empty;
    empty.lun = pb::DeviceLun{kSvolDevice, g.target_lun};
    if (!ok<pb::OnLunEmptyResponse>("OnLunEmpty", empty, milliseconds(120000))) return;
    std::string pairs = run(g.pairs_command);
    CHECK(has_state(pairs, "P-VOL", "COPY") || has_state(pairs, "P-VOL", "PAIR"));
    if (!has_state(pairs, "P-VOL", "COPY") && !has_state(pairs, "P-VOL", "PAIR")) std::printf("%s", pairs.c_str());
    // The set is gone from the array's point of view: its S-VOL is no shadow copy any more.
    pb::GetTargetLunsRequest targets;
    targets.sources.push_back(pb::DeviceLun{kPvolDevice, pvol_lun()});
    grpc::CallResult none = call("GetTargetLuns", targets);
    CHECK(none.status == grpc::StatusCode::NotFound);
    if (auto fault = fault_of("GetTargetLuns", none)) CHECK_EQ(fault->event_code, std::string("EV_ENOOBJ"));
}

TEST("reconnect: the control plane restarted (SIGTERM, same port) between two calls costs no failed call") {
    CHECK(ok<pb::GetProviderCapabilitiesResponse>("GetProviderCapabilities", pb::GetProviderCapabilitiesRequest{}).has_value());
    const auto opened = g.client->connections_opened();
    auto start = std::chrono::steady_clock::now();
    if (!control_plane("stop TERM")) return;
    // An idle client (this one, the DLL's) reads nothing between calls: it neither acks the
    // server's shutdown GOAWAY/PING nor closes, so the server's 10 s shutdown wait runs out.
    std::printf("  SIGTERM to stopped: %lld ms\n", since(start));
    if (!control_plane("start " + std::to_string(g.target.options.port))) return;
    CHECK_EQ(native::read_token_file(g.target.token_file), g.target.token);  // the token survives restarts
    CHECK(ok<pb::GetProviderCapabilitiesResponse>("GetProviderCapabilities", pb::GetProviderCapabilitiesRequest{}).has_value());
    CHECK_EQ(g.client->connections_opened(), opened + 1);
}

TEST("reconnect: killed (-9): UNAVAILABLE at once while down, then the first call after the restart works") {
    CHECK(ok<pb::GetProviderCapabilitiesResponse>("GetProviderCapabilities", pb::GetProviderCapabilitiesRequest{}).has_value());
    const auto opened = g.client->connections_opened();
    if (!control_plane("stop KILL")) return;
    auto start = std::chrono::steady_clock::now();
    grpc::CallResult down = call("GetProviderCapabilities", pb::GetProviderCapabilitiesRequest{}, milliseconds(5000));
    long long took = since(start);
    CHECK(down.failure == grpc::CallFailure::Unavailable);
    CHECK(took < 2000);  // refused, not waited out
    if (!control_plane("start " + std::to_string(g.target.options.port))) return;
    CHECK(ok<pb::GetProviderCapabilitiesResponse>("GetProviderCapabilities", pb::GetProviderCapabilitiesRequest{}).has_value());
    CHECK_EQ(g.client->connections_opened(), opened + 1);
}

int main(int argc, char** argv) {
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--state") g.state = argv[i + 1];
        else if (a == "--pairs") g.pairs_command = argv[i + 1];
        else if (a == "--control-plane") g.control_plane_command = argv[i + 1];
    }
    if (g.state.empty() || g.pairs_command.empty() || g.control_plane_command.empty()) {
        std::fprintf(stderr, "usage: bridge_java_server_test --state DIR --pairs CMD --control-plane CMD"
                             " (run by tests/bridge-java-server/run.sh)\n");
        return 2;
    }
    return rmvss::test::run_all("bridge_java_server_test");
}
