#include "lun_file.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

using rmvss::native::DeviceLun;
using rmvss::native::LunInfo;

namespace vsscoord {

namespace {

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<uint8_t> hex_bytes(const std::string& text) {
    std::string digits;
    for (char c : text)
        if (isxdigit(static_cast<unsigned char>(c))) digits += c;
    if (digits.size() % 2) throw std::runtime_error("odd number of hex digits: " + text);
    std::vector<uint8_t> out;
    for (size_t i = 0; i < digits.size(); i += 2) out.push_back(static_cast<uint8_t>(std::stoul(digits.substr(i, 2), nullptr, 16)));
    return out;
}

// Same identity as the simulated array's io.rmvss.array.host.InquiryData.
void hitachi_identity(LunInfo& lun, uint32_t serial, uint32_t ldev, bool keep_serial, bool keep_page83) {
    if (!keep_serial) {
        char text[32];
        std::snprintf(text, sizeof text, "50 %05X %04X", serial, ldev);
        lun.serial_number = text;
    }
    if (!keep_page83) {
        std::vector<uint8_t> naa = {0x60, 0x06, 0x0E, 0x80};
        for (int shift = 24; shift >= 0; shift -= 8) naa.push_back(static_cast<uint8_t>(serial >> shift));
        for (int i = 0; i < 4; ++i) naa.push_back(0);
        for (int shift = 24; shift >= 0; shift -= 8) naa.push_back(static_cast<uint8_t>(ldev >> shift));
        lun.identifiers.push_back({1, 3, naa});
    }
}

uint32_t bus_type(const std::string& name) {
    if (name == "scsi") return 1;
    if (name == "fibre") return 6;
    if (name == "iscsi") return 9;
    if (name == "sas") return 10;
    throw std::runtime_error("unknown bus: " + name);
}

struct Block {
    DeviceLun lun;
    bool has_serial = false, has_page83 = false, has_array = false, used = false;
    uint32_t array_serial = 0, ldev = 0;
};

void finish(Block& b, std::vector<DeviceLun>& out) {
    if (!b.used) return;
    if (b.has_array) hitachi_identity(b.lun.lun, b.array_serial, b.ldev, b.has_serial, b.has_page83);
    b.lun.lun.device_id_descriptor_version = 1;
    out.push_back(b.lun);
    b = Block{};
}

// '#' starts a comment at the start of a line or after a blank: device names contain '#' (\\?\scsi#disk&...#1&...).
size_t comment_start(const std::string& line) {
    for (size_t i = 0; i < line.size(); ++i)
        if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) return i;
    return std::string::npos;
}

}  // namespace

std::vector<DeviceLun> read_lun_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<DeviceLun> luns;
    Block block;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        line = trim(line.substr(0, comment_start(line)));
        if (line.empty()) {
            finish(block, luns);
            continue;
        }
        size_t eq = line.find('=');
        if (eq == std::string::npos) throw std::runtime_error(path + ":" + std::to_string(number) + ": expected key = value");
        std::string key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
        LunInfo& lun = block.lun.lun;
        block.used = true;
        try {
            if (key == "device") block.lun.device = value;
            else if (key == "vendor") lun.vendor_id = value;
            else if (key == "product") lun.product_id = value;
            else if (key == "revision") lun.product_revision = value;
            else if (key == "serial") lun.serial_number = value, block.has_serial = true;
            else if (key == "bus") lun.bus_type = bus_type(value);
            else if (key == "array") {
                std::istringstream fields(value);
                std::string serial, ldev;
                fields >> serial >> ldev;
                block.array_serial = static_cast<uint32_t>(std::stoul(serial, nullptr, 0));
                block.ldev = static_cast<uint32_t>(std::stoul(ldev, nullptr, 0));
                block.has_array = true;
            } else if (key == "page83") {
                block.has_page83 = true;
                size_t colon = value.find(':');
                std::string kind = value.substr(0, colon), data = value.substr(colon + 1);
                if (kind == "naa") lun.identifiers.push_back({1, 3, hex_bytes(data)});
                else if (kind == "ascii") lun.identifiers.push_back({2, 0, std::vector<uint8_t>(data.begin(), data.end())});
                else {
                    size_t comma = kind.find(',');
                    lun.identifiers.push_back({static_cast<uint32_t>(std::stoul(kind.substr(comma + 1))),
                                               static_cast<uint32_t>(std::stoul(kind.substr(0, comma))), hex_bytes(data)});
                }
            } else if (key == "interconnect") {
                size_t a = value.find(':'), b = value.find(':', a + 1);
                lun.interconnects.push_back({value.substr(0, a) == "fcph" ? 2u : 0u, hex_bytes(value.substr(a + 1, b - a - 1)),
                                             hex_bytes(value.substr(b + 1))});
            } else
                throw std::runtime_error("unknown key " + key);
        } catch (const std::runtime_error& e) {
            throw std::runtime_error(path + ":" + std::to_string(number) + ": " + e.what());
        } catch (const std::exception&) {
            throw std::runtime_error(path + ":" + std::to_string(number) + ": bad value for " + key);
        }
    }
    finish(block, luns);
    if (luns.empty()) throw std::runtime_error(path + ": no LUNs");
    return luns;
}

std::vector<DeviceLun> default_luns() {
    DeviceLun d;
    d.device = "\\\\?\\scsi#disk&ven_hitachi&prod_open-v#1&0f420&0&000012";
    d.lun.vendor_id = "HITACHI";
    d.lun.product_id = "OPEN-V";
    d.lun.product_revision = "7303";
    d.lun.bus_type = 6;
    d.lun.device_id_descriptor_version = 1;
    hitachi_identity(d.lun, 0x0F420, 0x12, false, false);
    return {d};
}

std::string describe(const LunInfo& lun) {
    std::string text = "[" + lun.vendor_id.value_or("") + "] [" + lun.product_id.value_or("") + "] [" +
                       lun.product_revision.value_or("") + "] 0x80=[" + lun.serial_number.value_or("") + "] 0x83=";
    for (const auto& id : lun.identifiers) {
        for (uint8_t b : id.bytes) {
            char hex[3];
            std::snprintf(hex, sizeof hex, "%02x", b);
            text += hex;
        }
        text += ' ';
    }
    return text;
}

}  // namespace vsscoord
