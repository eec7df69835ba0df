#include "lun_marshal.h"

#include <cstdio>
#include <cstring>

namespace rmvss::native {

bool Uuid::operator==(const Uuid& o) const {
    return data1 == o.data1 && data2 == o.data2 && data3 == o.data3 && std::memcmp(data4, o.data4, 8) == 0;
}

std::string Uuid::str() const {
    char text[40];
    std::snprintf(text, sizeof text, "{%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x}", (unsigned)data1, data2, data3,
                  data4[0], data4[1], data4[2], data4[3], data4[4], data4[5], data4[6], data4[7]);
    return text;
}

bool LunInfo::operator==(const LunInfo& o) const {
    return version == o.version && device_type == o.device_type && device_type_modifier == o.device_type_modifier &&
           command_queueing == o.command_queueing && bus_type == o.bus_type && vendor_id == o.vendor_id &&
           product_id == o.product_id && product_revision == o.product_revision && serial_number == o.serial_number &&
           disk_signature == o.disk_signature && device_id_descriptor_version == o.device_id_descriptor_version &&
           identifiers == o.identifiers && interconnects == o.interconnects;
}

Uuid uuid_from(const GUID& g) {
    Uuid u;
    u.data1 = g.Data1;
    u.data2 = g.Data2;
    u.data3 = g.Data3;
    std::memcpy(u.data4, g.Data4, 8);
    return u;
}

GUID guid_from(const Uuid& u) {
    GUID g;
    g.Data1 = u.data1;
    g.Data2 = u.data2;
    g.Data3 = u.data3;
    std::memcpy(g.Data4, u.data4, 8);
    return g;
}

std::string utf8_from(const WCHAR* wide) {
    std::string out;
    if (!wide) return out;
    for (size_t i = 0; wide[i]; ++i) {
        uint32_t c = static_cast<uint16_t>(wide[i]);
        if (c >= 0xD800 && c <= 0xDBFF && wide[i + 1] >= 0xDC00 && wide[i + 1] <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (static_cast<uint16_t>(wide[i + 1]) - 0xDC00);
            ++i;
        }
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

namespace {

std::optional<std::string> text_from(const char* s) {
    if (!s) return std::nullopt;
    return std::string(s);
}

std::vector<uint8_t> bytes_from(const BYTE* p, ULONG n) {
    if (!p || n == 0) return {};
    return std::vector<uint8_t>(p, p + n);
}

// Allocations for one replacement, released together unless committed.
class Staging {
public:
    ~Staging() {
        if (!committed_)
            for (void* p : blocks_) CoTaskMemFree(p);
    }
    void* alloc(size_t n) {
        if (failed_ || n == 0) return nullptr;
        void* p = CoTaskMemAlloc(n);
        if (!p) {
            failed_ = true;
            return nullptr;
        }
        blocks_.push_back(p);
        return p;
    }
    char* text(const std::optional<std::string>& s) {
        if (!s) return nullptr;
        char* p = static_cast<char*>(alloc(s->size() + 1));
        if (p) std::memcpy(p, s->c_str(), s->size() + 1);
        return p;
    }
    BYTE* bytes(const std::vector<uint8_t>& b) {
        BYTE* p = static_cast<BYTE*>(alloc(b.size()));
        if (p) std::memcpy(p, b.data(), b.size());
        return p;
    }
    bool failed() const { return failed_; }
    void commit() { committed_ = true; }

private:
    std::vector<void*> blocks_;
    bool failed_ = false;
    bool committed_ = false;
};

void free_identifiers(VDS_STORAGE_DEVICE_ID_DESCRIPTOR& d) {
    if (d.m_rgIdentifiers) {
        for (ULONG i = 0; i < d.m_cIdentifiers; ++i) CoTaskMemFree(d.m_rgIdentifiers[i].m_rgbIdentifier);
        CoTaskMemFree(d.m_rgIdentifiers);
    }
    d.m_rgIdentifiers = nullptr;
    d.m_cIdentifiers = 0;
}

void free_interconnects(VDS_LUN_INFORMATION& vds) {
    if (vds.m_rgInterconnects) {
        for (ULONG i = 0; i < vds.m_cInterconnects; ++i) {
            CoTaskMemFree(vds.m_rgInterconnects[i].m_pbPort);
            CoTaskMemFree(vds.m_rgInterconnects[i].m_pbAddress);
        }
        CoTaskMemFree(vds.m_rgInterconnects);
    }
    vds.m_rgInterconnects = nullptr;
    vds.m_cInterconnects = 0;
}

void free_strings(VDS_LUN_INFORMATION& vds) {
    CoTaskMemFree(vds.m_szVendorId);
    CoTaskMemFree(vds.m_szProductId);
    CoTaskMemFree(vds.m_szProductRevision);
    CoTaskMemFree(vds.m_szSerialNumber);
    vds.m_szVendorId = vds.m_szProductId = vds.m_szProductRevision = vds.m_szSerialNumber = nullptr;
}

HRESULT replace(VDS_LUN_INFORMATION& vds, const LunInfo& lun, bool keep_interconnects) {
    Staging s;
    VDS_LUN_INFORMATION next = {};
    next.m_version = lun.version;
    next.m_DeviceType = lun.device_type;
    next.m_DeviceTypeModifier = lun.device_type_modifier;
    next.m_bCommandQueueing = lun.command_queueing ? 1 : 0;
    next.m_BusType = static_cast<VDS_STORAGE_BUS_TYPE>(lun.bus_type);
    next.m_szVendorId = s.text(lun.vendor_id);
    next.m_szProductId = s.text(lun.product_id);
    next.m_szProductRevision = s.text(lun.product_revision);
    next.m_szSerialNumber = s.text(lun.serial_number);
    next.m_diskSignature = guid_from(lun.disk_signature);
    next.m_deviceIdDescriptor.m_version = lun.device_id_descriptor_version;

    if (!lun.identifiers.empty()) {
        auto* ids = static_cast<VDS_STORAGE_IDENTIFIER*>(s.alloc(sizeof(VDS_STORAGE_IDENTIFIER) * lun.identifiers.size()));
        if (ids) {
            for (size_t i = 0; i < lun.identifiers.size(); ++i) {
                const StorageIdentifier& id = lun.identifiers[i];
                ids[i].m_CodeSet = static_cast<VDS_STORAGE_IDENTIFIER_CODE_SET>(id.code_set);
                ids[i].m_Type = static_cast<VDS_STORAGE_IDENTIFIER_TYPE>(id.type);
                ids[i].m_cbIdentifier = static_cast<ULONG>(id.bytes.size());
                ids[i].m_rgbIdentifier = s.bytes(id.bytes);
            }
            next.m_deviceIdDescriptor.m_cIdentifiers = static_cast<ULONG>(lun.identifiers.size());
            next.m_deviceIdDescriptor.m_rgIdentifiers = ids;
        }
    }

    if (keep_interconnects) {
        next.m_cInterconnects = vds.m_cInterconnects;
        next.m_rgInterconnects = vds.m_rgInterconnects;
    } else if (!lun.interconnects.empty()) {
        auto* ics = static_cast<VDS_INTERCONNECT*>(s.alloc(sizeof(VDS_INTERCONNECT) * lun.interconnects.size()));
        if (ics) {
            for (size_t i = 0; i < lun.interconnects.size(); ++i) {
                const Interconnect& ic = lun.interconnects[i];
                ics[i].m_addressType = static_cast<VDS_INTERCONNECT_ADDRESS_TYPE>(ic.address_type);
                ics[i].m_cbPort = static_cast<ULONG>(ic.port.size());
                ics[i].m_pbPort = s.bytes(ic.port);
                ics[i].m_cbAddress = static_cast<ULONG>(ic.address.size());
                ics[i].m_pbAddress = s.bytes(ic.address);
            }
            next.m_cInterconnects = static_cast<ULONG>(lun.interconnects.size());
            next.m_rgInterconnects = ics;
        }
    }

    if (s.failed()) return E_OUTOFMEMORY;  // Staging frees what was allocated; vds untouched
    s.commit();
    free_strings(vds);
    free_identifiers(vds.m_deviceIdDescriptor);
    if (!keep_interconnects) free_interconnects(vds);
    vds = next;
    return S_OK;
}

}  // namespace

LunInfo lun_from(const VDS_LUN_INFORMATION& vds) {
    LunInfo lun;
    lun.version = vds.m_version;
    lun.device_type = vds.m_DeviceType;
    lun.device_type_modifier = vds.m_DeviceTypeModifier;
    lun.command_queueing = vds.m_bCommandQueueing != 0;
    lun.bus_type = static_cast<uint32_t>(vds.m_BusType);
    lun.vendor_id = text_from(vds.m_szVendorId);
    lun.product_id = text_from(vds.m_szProductId);
    lun.product_revision = text_from(vds.m_szProductRevision);
    lun.serial_number = text_from(vds.m_szSerialNumber);
    lun.disk_signature = uuid_from(vds.m_diskSignature);
    lun.device_id_descriptor_version = vds.m_deviceIdDescriptor.m_version;
    if (vds.m_deviceIdDescriptor.m_rgIdentifiers) {
        for (ULONG i = 0; i < vds.m_deviceIdDescriptor.m_cIdentifiers; ++i) {
            const VDS_STORAGE_IDENTIFIER& id = vds.m_deviceIdDescriptor.m_rgIdentifiers[i];
            lun.identifiers.push_back({static_cast<uint32_t>(id.m_CodeSet), static_cast<uint32_t>(id.m_Type),
                                       bytes_from(id.m_rgbIdentifier, id.m_cbIdentifier)});
        }
    }
    if (vds.m_rgInterconnects) {
        for (ULONG i = 0; i < vds.m_cInterconnects; ++i) {
            const VDS_INTERCONNECT& ic = vds.m_rgInterconnects[i];
            lun.interconnects.push_back({static_cast<uint32_t>(ic.m_addressType), bytes_from(ic.m_pbPort, ic.m_cbPort),
                                         bytes_from(ic.m_pbAddress, ic.m_cbAddress)});
        }
    }
    return lun;
}

std::vector<LunInfo> luns_from(const VDS_LUN_INFORMATION* vds, size_t count) {
    std::vector<LunInfo> luns;
    luns.reserve(count);
    for (size_t i = 0; i < count; ++i) luns.push_back(lun_from(vds[i]));
    return luns;
}

std::vector<DeviceLun> device_luns_from(const VSS_PWSZ* devices, const VDS_LUN_INFORMATION* vds, size_t count) {
    std::vector<DeviceLun> luns;
    luns.reserve(count);
    for (size_t i = 0; i < count; ++i) luns.push_back({utf8_from(devices ? devices[i] : nullptr), lun_from(vds[i])});
    return luns;
}

HRESULT replace_lun(VDS_LUN_INFORMATION& vds, const LunInfo& lun) { return replace(vds, lun, false); }

HRESULT replace_lun_keeping_interconnects(VDS_LUN_INFORMATION& vds, const LunInfo& lun) { return replace(vds, lun, true); }

void free_lun(VDS_LUN_INFORMATION& vds) {
    free_strings(vds);
    free_identifiers(vds.m_deviceIdDescriptor);
    free_interconnects(vds);
    vds = {};
}

}  // namespace rmvss::native
