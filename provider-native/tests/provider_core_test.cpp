// Unit tests of the DLL's portable core: VDS_LUN_INFORMATION marshalling (both ways, memory
// contract, out-of-memory paths), the per-call HRESULT policy, deadlines and the event journal.
// Runs natively (under ASan/LSan: a leak fails the run) and under Wine (MinGW build).
#include "call_policy.h"
#include "deadline_call.h"
#include "event_journal.h"
#include "lun_marshal.h"
#include "test_harness.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

using namespace rmvss::native;

// A LUN the way VSS hands it over: every string and buffer CoTaskMemAlloc'ed.
static char* co_text(const char* s) {
    char* p = static_cast<char*>(CoTaskMemAlloc(std::strlen(s) + 1));
    std::memcpy(p, s, std::strlen(s) + 1);
    return p;
}
static BYTE* co_bytes(const std::vector<uint8_t>& b) {
    BYTE* p = static_cast<BYTE*>(CoTaskMemAlloc(b.size()));
    std::memcpy(p, b.data(), b.size());
    return p;
}
static const std::vector<uint8_t> kNaa = {0x60, 0x06, 0x0E, 0x80, 0x00, 0x00, 0xF4, 0x20,
                                          0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x12};
static VDS_LUN_INFORMATION vss_lun() {
    VDS_LUN_INFORMATION v = {};
    v.m_version = VER_VDS_LUN_INFORMATION;
    v.m_DeviceType = 0;
    v.m_DeviceTypeModifier = 0;
    v.m_bCommandQueueing = 1;
    v.m_BusType = VDSBusTypeFibre;
    v.m_szVendorId = co_text("HITACHI ");
    v.m_szProductId = co_text("OPEN-V          ");
    v.m_szProductRevision = co_text("7303");
    v.m_szSerialNumber = nullptr;  // deliberately NULL, distinct from ""
    v.m_diskSignature = {0x12345678, 0x9abc, 0xdef0, {1, 2, 3, 4, 5, 6, 7, 8}};
    v.m_deviceIdDescriptor.m_version = 1;
    v.m_deviceIdDescriptor.m_cIdentifiers = 2;
    v.m_deviceIdDescriptor.m_rgIdentifiers =
        static_cast<VDS_STORAGE_IDENTIFIER*>(CoTaskMemAlloc(2 * sizeof(VDS_STORAGE_IDENTIFIER)));
    v.m_deviceIdDescriptor.m_rgIdentifiers[0] = {VDSStorageIdCodeSetBinary, VDSStorageIdTypeFCPHName, 16, co_bytes(kNaa)};
    v.m_deviceIdDescriptor.m_rgIdentifiers[1] = {VDSStorageIdCodeSetAscii, VDSStorageIdTypeVendorSpecific, 12,
                                                 co_bytes({'5', '0', ' ', '0', 'F', '4', '2', '0', ' ', '0', '0', '1'})};
    v.m_cInterconnects = 1;
    v.m_rgInterconnects = static_cast<VDS_INTERCONNECT*>(CoTaskMemAlloc(sizeof(VDS_INTERCONNECT)));
    v.m_rgInterconnects[0] = {VDS_IA_FCPH, 8, co_bytes({0x50, 0x06, 0x0e, 0x80, 0, 0, 0, 1}), 2, co_bytes({0, 5})};
    return v;
}

static LunInfo target_lun() {
    LunInfo t;
    t.vendor_id = "HITACHI ";
    t.product_id = "OPEN-V          ";
    t.product_revision = "7303";
    t.serial_number = "50 0F420 0013";
    t.device_id_descriptor_version = 1;
    std::vector<uint8_t> naa = kNaa;
    naa[15] = 0x13;
    t.identifiers.push_back({1, 3, naa});
    return t;
}

TEST("round trip") {
    VDS_LUN_INFORMATION v = vss_lun();
    LunInfo lun = lun_from(v);
    CHECK(lun.vendor_id && *lun.vendor_id == "HITACHI ");
    CHECK(!lun.serial_number.has_value());
    CHECK(lun.bus_type == VDSBusTypeFibre && lun.command_queueing);
    CHECK(lun.identifiers.size() == 2 && lun.identifiers[0].bytes == kNaa && lun.identifiers[0].type == 3);
    CHECK(lun.interconnects.size() == 1 && lun.interconnects[0].port.size() == 8 && lun.interconnects[0].address.size() == 2);
    CHECK(lun.disk_signature.str() == "{12345678-9abc-def0-0102-030405060708}");

    VDS_LUN_INFORMATION copy = {};
    CHECK(replace_lun(copy, lun) == S_OK);
    CHECK(lun_from(copy) == lun);              // exact both ways
    CHECK(copy.m_szSerialNumber == nullptr);   // NULL stays NULL
    CHECK(copy.m_szVendorId != v.m_szVendorId); // deep copy, own allocations
    free_lun(copy);
    CHECK(copy.m_szVendorId == nullptr && copy.m_rgInterconnects == nullptr);
    free_lun(v);
}

TEST("replace frees and replaces") {
    VDS_LUN_INFORMATION v = vss_lun();
    LunInfo t = target_lun();
    CHECK(replace_lun(v, t) == S_OK);  // the old strings/buffers are freed (LSan would report them)
    CHECK(lun_from(v) == t);
    CHECK(v.m_cInterconnects == 0 && v.m_rgInterconnects == nullptr);
    CHECK(v.m_szSerialNumber && std::strcmp(v.m_szSerialNumber, "50 0F420 0013") == 0);
    free_lun(v);
}

TEST("interconnects untouched") {
    VDS_LUN_INFORMATION v = vss_lun();
    VDS_INTERCONNECT* before = v.m_rgInterconnects;
    BYTE* port = v.m_rgInterconnects[0].m_pbPort;
    std::vector<uint8_t> port_bytes(port, port + 8);
    LunInfo t = target_lun();
    t.interconnects.push_back({1, {9, 9}, {9}});  // the control plane's view must not leak into them
    CHECK(replace_lun_keeping_interconnects(v, t) == S_OK);
    CHECK(v.m_rgInterconnects == before && v.m_cInterconnects == 1);
    CHECK(v.m_rgInterconnects[0].m_pbPort == port && std::vector<uint8_t>(port, port + 8) == port_bytes);
    CHECK(v.m_szSerialNumber && std::string(v.m_szSerialNumber) == "50 0F420 0013");
    free_lun(v);
}

TEST("empty and null") {
    VDS_LUN_INFORMATION v = {};
    LunInfo empty;
    empty.vendor_id = "";
    CHECK(replace_lun(v, empty) == S_OK);
    CHECK(v.m_szVendorId && v.m_szVendorId[0] == '\0' && v.m_szProductId == nullptr);
    CHECK(v.m_deviceIdDescriptor.m_rgIdentifiers == nullptr && v.m_deviceIdDescriptor.m_cIdentifiers == 0);
    CHECK(lun_from(v) == empty);
    free_lun(v);
}

TEST("out of memory leaves lun alone") {
#ifndef _WIN32
    LunInfo t = target_lun();
    t.interconnects.push_back({2, {1, 2}, {3}});
    for (int fail_at = 1; fail_at <= 12; ++fail_at) {
        VDS_LUN_INFORMATION v = vss_lun();
        LunInfo before = lun_from(v);
        co_task_mem_fail_countdown = fail_at;
        HRESULT hr = replace_lun(v, t);
        bool hit = co_task_mem_fail_countdown == 0;
        co_task_mem_fail_countdown = 0;
        if (hit) {
            CHECK(hr == E_OUTOFMEMORY);
            CHECK(lun_from(v) == before);
        } else {
            CHECK(hr == S_OK && lun_from(v) == t);
        }
        free_lun(v);
    }
#endif
}

TEST("utf8") {
    const WCHAR device[] = {'\\', '\\', '.', '\\', 'P', 'h', 'y', 0x00e9, 0xd83d, 0xde00, 0};
    CHECK(utf8_from(device) == "\\\\.\\Phy\xc3\xa9\xf0\x9f\x98\x80");
    CHECK(utf8_from(nullptr).empty());
}

TEST("policy") {
    CHECK(call_deadline(VssCall::CommitSnapshots) < std::chrono::seconds(10));
    CHECK(call_deadline(VssCall::PreCommitSnapshots) + call_deadline(VssCall::CommitSnapshots) +
              call_deadline(VssCall::PostCommitSnapshots) <= std::chrono::seconds(20));  // Exchange's freeze
    Reply down = Reply::unreachable("connection refused");
    Decision d = decide(VssCall::CommitSnapshots, down, "127.0.0.1:50951");
    CHECK(d.hresult == hr::VSS_E_PROVIDER_VETO_ && d.event_tag == "EV_ATTHOR");
    CHECK(d.event_text.find("[EV_ATTHOR]") == 0 && d.event_text.find("127.0.0.1:50951") != std::string::npos);
    d = decide(VssCall::AreLunsSupported, down, "x");
    CHECK(d.hresult == 0 && !d.supported && d.event_tag == "EV_ATTHOR");
    d = decide(VssCall::OnLunEmpty, down, "x");
    CHECK(d.hresult == hr::VSS_E_PROVIDER_VETO_);
    d = decide(VssCall::BeginPrepareSnapshot, Reply::answered(hr::VSS_E_NESTED_VOLUME_LIMIT_), "x");
    CHECK(d.hresult == hr::VSS_E_NESTED_VOLUME_LIMIT_ && d.event_tag.empty());
    d = decide(VssCall::CommitSnapshots, Reply::answered(hr::VSS_E_NESTED_VOLUME_LIMIT_), "x");  // not Commit's
    CHECK(d.hresult == hr::VSS_E_PROVIDER_VETO_ && d.event_tag == "EV_EXCEPT");
    d = decide(VssCall::CommitSnapshots, Reply::answered(0x12345678), "x");  // garbage
    CHECK(d.hresult == hr::VSS_E_PROVIDER_VETO_ && d.event_tag == "EV_EXCEPT");
    Reply yes = Reply::answered(0);
    yes.supported = true;
    d = decide(VssCall::AreLunsSupported, yes, "x");
    CHECK(d.hresult == 0 && d.supported);
}

TEST("deadline") {
    using namespace std::chrono;
    auto start = steady_clock::now();
    Reply r = call_with_deadline(milliseconds(100), [] {
        std::this_thread::sleep_for(milliseconds(600));
        return Reply::answered(0);
    });
    auto took = duration_cast<milliseconds>(steady_clock::now() - start).count();
    CHECK(!r.reached && r.detail.find("deadline") != std::string::npos);
    CHECK(took < 500);
    CHECK(calls_in_flight() == 1);  // abandoned, still running: the DLL must not unload
    std::this_thread::sleep_for(milliseconds(900));
    CHECK(calls_in_flight() == 0);
    r = call_with_deadline(milliseconds(1000), []() -> Reply { throw std::runtime_error("boom"); });
    CHECK(!r.reached && r.detail.find("boom") != std::string::npos);
    r = call_with_deadline(milliseconds(1000), [] { return Reply::answered(hr::VSS_E_OBJECT_NOT_FOUND_); });
    CHECK(r.reached && r.hresult == hr::VSS_E_OBJECT_NOT_FOUND_);
    // Idle workers serve later calls (no thread per call); a busy one makes room for a second.
    long workers = worker_threads();
    for (int i = 0; i < 20; ++i) call_with_deadline(milliseconds(1000), [] { return Reply::answered(0); });
    CHECK(worker_threads() == workers);
    r = call_with_deadline(milliseconds(50), [] {
        std::this_thread::sleep_for(milliseconds(300));
        return Reply::answered(0);
    });
    CHECK(!r.reached);
    r = call_with_deadline(milliseconds(1000), [] { return Reply::answered(0); });
    CHECK(r.reached && worker_threads() == std::max(workers, 2L));
    std::this_thread::sleep_for(milliseconds(400));
    CHECK(calls_in_flight() == 0);
}

TEST("journal") {
    std::vector<std::string> written;
    EventJournal journal([&](const Event& e) { written.push_back(e.tag); });
    journal.report({4, "EV_ATTHOR", "a"});
    CHECK(written.size() == 1);
    journal.begin_freeze();
    journal.report({4, "EV_ATTHOR", "b"});
    journal.report({12, "EV_EXCEPT", "c"});
    journal.flush();
    CHECK(written.size() == 1 && journal.queued() == 2);  // nothing written while frozen
    journal.end_freeze();
    journal.report({1, "EV_ERPERM", "d"});  // queued ones first, in order
    CHECK(written.size() == 4 && written[1] == "EV_ATTHOR" && written[2] == "EV_EXCEPT" && written[3] == "EV_ERPERM");
    CHECK(event_id("EV_ERPERM") == 1 && event_id("EV_ATTHOR") == 4);
    CHECK(event_id("EV_ENRMPH") == 12 && event_id("EV_EXCEPT") == 14 && event_id("EV_EOPDEV") == 17);  // table 3.5 rows
    CHECK(json_line({4, "EV_ATTHOR", "say \"hi\"\n"}) ==
          "{\"source\":\"RM Shadow Copy Provider\",\"id\":4,\"tag\":\"EV_ATTHOR\",\"text\":\"say \\\"hi\\\"\\u000a\"}");
}

TEST_MAIN("provider core")
