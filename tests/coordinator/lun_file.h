// LUN descriptions for the harness's scenarios: the inquiry data a coordinator would have read
// from the disks. One LUN per block, blocks separated by blank lines, '#' at the start of a line or
// after a blank starts a comment ('#' inside a device name does not):
//   device   = \\?\scsi#disk&ven_hitachi&prod_open-v#1   (the device name VSS passes)
//   vendor   = HITACHI          product = OPEN-V          revision = 7303
//   serial   = 50 0F420 0012    (page 0x80)
//   page83   = naa:60060e800000f42000000000000000012  |  ascii:text  |  type,codeset:hex
//   array    = 62496 0x12       (array serial, LDEV: page 0x80/0x83 built as the simulated
//                                array's InquiryData does; explicit serial/page83 win)
//   bus      = fibre | scsi | iscsi | sas
//   interconnect = fcph:<port hex>:<address hex>
#pragma once

#include "rmvss/native/control_plane.h"

#include <string>
#include <vector>

namespace vsscoord {

// Throws std::runtime_error with the line number on a bad file.
std::vector<rmvss::native::DeviceLun> read_lun_file(const std::string& path);
std::vector<rmvss::native::DeviceLun> default_luns();  // one HITACHI OPEN-V P-VOL, LDEV 0x12
std::string describe(const rmvss::native::LunInfo& lun);  // one line: vendor product rev, 0x80, 0x83

}  // namespace vsscoord
