// The real message codec (proto_codec) through the gRPC ControlPlane against the bridge's
// in-process HTTP/2 server playing the control plane with rmvss.v1 messages: requests carry the
// VSS values exactly (NULL vs empty inquiry strings, GUID text), replies come back as Reply data,
// ProviderFault -> its HRESULT without a second event, UNAUTHENTICATED -> veto + [EV_ERPERM]
// naming the token file, error without a fault -> [EV_EXCEPT]; the state directory settings.
#include "call_policy.h"
#include "grpc_control_plane.h"
#include "proto_codec.h"
#include "rmvss/bridge/provider_messages.hpp"
#include "test_http2_server.hpp"
#include "test_harness.hpp"

#include <cstdio>
#include <fstream>
#include <sys/stat.h>

using namespace rmvss::native;
namespace pb = rmvss::bridge::pb;

static const std::string kService = "/rmvss.v1.VssProvider/";

TEST("the proto codec over gRPC: every VSS call, faults and LUN information") {
    using namespace std::chrono;
    // What the fake control plane saw.
    pb::AreLunsSupportedRequest seen_are;
    pb::PostCommitSnapshotsRequest seen_post;
    std::string seen_status_op;

    rmvss::test::ServerConfig config;
    config.handler = [&](const std::string& path, const rmvss::bridge::Bytes& request, rmvss::test::ScriptedAnswer& a) {
        if (path.rfind(kService, 0) != 0) return false;
        const std::string rpc = path.substr(kService.size());
        if (rpc == "AreLunsSupported") {
            seen_are = pb::decode<pb::AreLunsSupportedRequest>(request).value();
            pb::AreLunsSupportedResponse r;
            r.supported = true;
            for (const auto& d : seen_are.luns) {
                pb::LunInformation l = *d.lun;
                l.serial_number = rmvss::bridge::Bytes{'N', 'E', 'W'};
                r.luns.push_back(l);
            }
            a.response = pb::encode(r);
        } else if (rpc == "GetTargetLuns") {
            pb::GetTargetLunsResponse r;
            pb::LunInformation t;
            t.version = 1;
            t.device_type = 0;
            t.product_id = rmvss::bridge::Bytes{};
            t.disk_signature = "0f3e2a51-7c44-4b1e-9a0d-5d2f0c6b7e81";
            t.identifiers.push_back(pb::StorageIdentifier{1, 3, {0x60, 0x06}});
            r.targets = {t};
            a.response = pb::encode(r);
        } else if (rpc == "FillInLunInfo") {
            pb::FillInLunInfoResponse r;
            r.lun = pb::LunInformation{};
            r.lun->disk_signature = "not a guid";  // does not map to VDS: garbled
            a.response = pb::encode(r);
        } else if (rpc == "CommitSnapshots" || rpc == "PreCommitSnapshots" || rpc == "PostFinalCommitSnapshots") {
            pb::ProviderFault f;
            f.hresult = rpc == "CommitSnapshots" ? hr::VSS_E_BAD_STATE_ : static_cast<int32_t>(0x80004005);
            f.event_code = rpc == "PostFinalCommitSnapshots" ? "" : "EV_INVSTP";
            f.message = "[EV_INVSTP] Invalid pair status";
            f.detail = "snap/pair1 is PSUE";
            a.status = rpc == "CommitSnapshots" ? 9 : 13;
            a.message = "pair status";
            a.details = pb::status_details_with_fault(a.status, a.message, f);
        } else if (rpc == "PostCommitSnapshots") {
            seen_post = pb::decode<pb::PostCommitSnapshotsRequest>(request).value();
        } else if (rpc == "EndPrepareSnapshots") {
            a.status = 16;  // UNAUTHENTICATED
            a.message = "missing or wrong bearer token";
        } else if (rpc == "AbortSnapshots") {
            a.status = 13;  // INTERNAL without a fault
            a.message = "boom";
        } else if (rpc == "ResyncLuns") {
            a.response = pb::encode(pb::ResyncLunsResponse{"op-7"});
        } else if (rpc == "GetResyncStatus") {
            seen_status_op = pb::decode<pb::GetResyncStatusRequest>(request).value().operation_id;
            a.response = pb::encode(pb::GetResyncStatusResponse{true, 100, hr::VSS_E_BAD_STATE_});
        } else {
            a.response = {};  // empty responses
        }
        return true;
    };
    rmvss::test::TestHttp2Server server(config);
    GrpcEndpoint endpoint;
    CHECK(parse_endpoint("127.0.0.1:" + std::to_string(server.port()), endpoint));
    endpoint.token = "tok";
    auto plane = make_grpc_control_plane(endpoint, make_proto_codec());

    Uuid set;
    CHECK(parse_uuid("{0F3E2A51-7C44-4B1E-9A0D-5D2F0C6B7E81}", set));
    CHECK(uuid_text(set) == "0f3e2a51-7c44-4b1e-9a0d-5d2f0c6b7e81");
    Uuid bad;
    CHECK(!parse_uuid("0f3e2a51-7c44-4b1e-9a0d-5d2f0c6b7e8", bad) && !parse_uuid("0f3e2a51x7c44-4b1e-9a0d-5d2f0c6b7e81", bad));

    LunInfo lun;
    lun.vendor_id = std::string("HITACHI ");
    lun.product_id = std::string("");  // empty, not NULL
    lun.serial_number = std::nullopt;   // NULL
    lun.device_type = 0;
    lun.bus_type = 6;
    lun.disk_signature = set;
    lun.identifiers.push_back(StorageIdentifier{1, 3, {0x60, 0x06, 0x0e}});
    lun.interconnects.push_back(Interconnect{2, {'C', 'L'}, {0x50}});
    DeviceLun device{"\\\\?\\scsi#disk&ven_hitachi", lun};

    // OK reply with data; the request carried the values exactly.
    Reply r = plane->AreLunsSupported(0x19, {device}, seconds(5));
    CHECK(r.reached && r.hresult == 0 && r.supported && r.luns.size() == 1);
    CHECK(seen_are.context == 0x19 && seen_are.luns.size() == 1 && seen_are.luns[0].device == device.device);
    CHECK(seen_are.luns[0].lun && seen_are.luns[0].lun->product_id && seen_are.luns[0].lun->product_id->empty());
    CHECK(seen_are.luns[0].lun && !seen_are.luns[0].lun->serial_number.has_value());
    CHECK(seen_are.luns[0].lun->disk_signature == "0f3e2a51-7c44-4b1e-9a0d-5d2f0c6b7e81");
    CHECK(r.luns.size() == 1 && r.luns[0].serial_number == std::optional<std::string>("NEW"));
    LunInfo expected = lun;
    expected.serial_number = std::string("NEW");
    CHECK(r.luns.size() == 1 && r.luns[0] == expected);
    CHECK(decide(VssCall::AreLunsSupported, r, "a").supported);

    r = plane->GetTargetLuns({device}, seconds(5));
    CHECK(r.reached && r.hresult == 0 && r.luns.size() == 1 && r.luns[0].disk_signature == set);
    CHECK(r.luns.size() == 1 && r.luns[0].product_id == std::optional<std::string>("") && !r.luns[0].vendor_id);

    r = plane->PostCommitSnapshots(set, 3, seconds(5));
    CHECK(r.reached && r.hresult == 0 && seen_post.snapshot_set_id == uuid_text(set) && seen_post.snapshot_count == 3);

    // A reply that does not map to VDS_LUN_INFORMATION: garbled, [EV_EXCEPT].
    r = plane->FillInLunInfo(device, seconds(5));
    Decision d = decide(VssCall::FillInLunInfo, r, "a");
    CHECK(d.hresult == hr::VSS_E_PROVIDER_VETO_ && d.event_tag == "EV_EXCEPT");

    // ProviderFault: its HRESULT, the control plane's event only.
    r = plane->CommitSnapshots(set, seconds(3));
    d = decide(VssCall::CommitSnapshots, r, "a");
    CHECK(r.reached && r.event_reported && r.hresult == hr::VSS_E_BAD_STATE_);
    CHECK(d.hresult == hr::VSS_E_BAD_STATE_ && d.event_tag.empty());
    CHECK(r.detail.find("EV_INVSTP") != std::string::npos && r.detail.find("PSUE") != std::string::npos);
    // ... with an HRESULT VSS does not take: veto, still no second event
    r = plane->PreCommitSnapshots(set, seconds(3));
    d = decide(VssCall::PreCommitSnapshots, r, "a");
    CHECK(d.hresult == hr::VSS_E_PROVIDER_VETO_ && d.event_tag.empty());
    // ... and no event reported by the control plane: the DLL writes [EV_EXCEPT]
    r = plane->PostFinalCommitSnapshots(set, seconds(3));
    d = decide(VssCall::PostFinalCommitSnapshots, r, "a");
    CHECK(d.hresult == hr::VSS_E_PROVIDER_VETO_ && d.event_tag == "EV_EXCEPT");

    // UNAUTHENTICATED: veto + [EV_ERPERM] naming the token file; AreLunsSupported declines.
    r = plane->EndPrepareSnapshots(set, seconds(3));
    d = decide(VssCall::EndPrepareSnapshots, r, "127.0.0.1:1", "C:\\rmvss\\token");
    CHECK(r.unauthenticated && d.hresult == hr::VSS_E_PROVIDER_VETO_ && d.event_tag == "EV_ERPERM");
    CHECK(d.event_text.find("C:\\rmvss\\token") != std::string::npos && d.event_text.rfind("[EV_ERPERM]", 0) == 0);
    d = decide(VssCall::AreLunsSupported, r, "x", "t");
    CHECK(d.hresult == hr::S_OK_ && !d.supported && d.event_tag == "EV_ERPERM");

    // INTERNAL without a ProviderFault: [EV_EXCEPT].
    r = plane->AbortSnapshots(set, seconds(3));
    d = decide(VssCall::AbortSnapshots, r, "a");
    CHECK(d.hresult == hr::VSS_E_PROVIDER_VETO_ && d.event_tag == "EV_EXCEPT");

    // ResyncLuns names an operation; GetResyncStatus reports it.
    r = plane->ResyncLuns({lun}, {lun}, seconds(3));
    CHECK(r.reached && r.hresult == 0 && r.operation_id == "op-7");
    r = plane->GetResyncStatus("op-7", seconds(3));
    CHECK(r.reached && r.done && r.percent == 100 && r.operation_hresult == hr::VSS_E_BAD_STATE_ && seen_status_op == "op-7");

    // Empty responses of the other calls.
    CHECK(plane->LocateLuns({lun}, seconds(3)).hresult == 0);
    CHECK(plane->OnLunEmpty(device, seconds(3)).hresult == 0);
    CHECK(plane->OnLunStateChange({lun}, {lun}, 1, seconds(3)).hresult == 0);
    CHECK(plane->BeginPrepareSnapshot(set, set, 0, {device}, seconds(3)).hresult == 0);
    CHECK(plane->PreFinalCommitSnapshots(set, seconds(3)).hresult == 0);

    // Settings: the state directory's port and token files, explicit ones winning.
    ::mkdir("proto_cp_state", 0755);
    std::ofstream("proto_cp_state/port") << "41234\n";
    ConnectionSettings c;
    c.state_dir = "proto_cp_state";
    ConnectionSettings got = resolve_connection(c, "127.0.0.1:50951");
    CHECK(got.address == "127.0.0.1:41234" && got.token_file == "proto_cp_state/token");
    c.address = "10.0.0.1:7";
    c.token_file = "/etc/tok";
    got = resolve_connection(c, "127.0.0.1:50951");
    CHECK(got.address == "10.0.0.1:7" && got.token_file == "/etc/tok");
    c = ConnectionSettings{};
    c.state_dir = "Z:\\nowhere\\";
    got = resolve_connection(c, "127.0.0.1:50951");
    CHECK(got.address == "127.0.0.1:50951" && got.token_file == "Z:\\nowhere\\token");
    std::remove("proto_cp_state/port");
    ::rmdir("proto_cp_state");

}

TEST_MAIN("proto_control_plane_test")
