#include "rmvss/bridge/hpack_table.hpp"

namespace rmvss::bridge::hpack {
namespace {

const HeaderField kStaticTable[kStaticTableSize] = {
    {":authority", ""},
    {":method", "GET"},
    {":method", "POST"},
    {":path", "/"},
    {":path", "/index.html"},
    {":scheme", "http"},
    {":scheme", "https"},
    {":status", "200"},
    {":status", "204"},
    {":status", "206"},
    {":status", "304"},
    {":status", "400"},
    {":status", "404"},
    {":status", "500"},
    {"accept-charset", ""},
    {"accept-encoding", "gzip, deflate"},
    {"accept-language", ""},
    {"accept-ranges", ""},
    {"accept", ""},
    {"access-control-allow-origin", ""},
    {"age", ""},
    {"allow", ""},
    {"authorization", ""},
    {"cache-control", ""},
    {"content-disposition", ""},
    {"content-encoding", ""},
    {"content-language", ""},
    {"content-length", ""},
    {"content-location", ""},
    {"content-range", ""},
    {"content-type", ""},
    {"cookie", ""},
    {"date", ""},
    {"etag", ""},
    {"expect", ""},
    {"expires", ""},
    {"from", ""},
    {"host", ""},
    {"if-match", ""},
    {"if-modified-since", ""},
    {"if-none-match", ""},
    {"if-range", ""},
    {"if-unmodified-since", ""},
    {"last-modified", ""},
    {"link", ""},
    {"location", ""},
    {"max-forwards", ""},
    {"proxy-authenticate", ""},
    {"proxy-authorization", ""},
    {"range", ""},
    {"referer", ""},
    {"refresh", ""},
    {"retry-after", ""},
    {"server", ""},
    {"set-cookie", ""},
    {"strict-transport-security", ""},
    {"transfer-encoding", ""},
    {"user-agent", ""},
    {"vary", ""},
    {"via", ""},
    {"www-authenticate", ""},
};

}  // namespace

const HeaderField& static_table_entry(std::size_t index) { return kStaticTable[index - 1]; }

std::size_t static_table_find(std::string_view name, std::string_view value) {
  for (std::size_t i = 0; i < kStaticTableSize; ++i) {
    if (kStaticTable[i].name == name && kStaticTable[i].value == value) return i + 1;
  }
  return 0;
}

std::size_t static_table_find_name(std::string_view name) {
  for (std::size_t i = 0; i < kStaticTableSize; ++i) {
    if (kStaticTable[i].name == name) return i + 1;
  }
  return 0;
}

void DynamicTable::insert(HeaderField field) {
  const std::size_t size = entry_size(field.name, field.value);
  if (size > max_size_) {
    evict_to_fit(0);
    return;
  }
  evict_to_fit(max_size_ - size);
  field.never_indexed = false;
  entries_.push_front(std::move(field));
  size_ += size;
}

void DynamicTable::set_max_size(std::size_t max_size) {
  max_size_ = max_size;
  evict_to_fit(max_size_);
}

const HeaderField* DynamicTable::entry(std::size_t position) const {
  return position < entries_.size() ? &entries_[position] : nullptr;
}

std::optional<std::size_t> DynamicTable::find(std::string_view name, std::string_view value) const {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].name == name && entries_[i].value == value) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> DynamicTable::find_name(std::string_view name) const {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].name == name) return i;
  }
  return std::nullopt;
}

void DynamicTable::evict_to_fit(std::size_t limit) {
  while (size_ > limit && !entries_.empty()) {
    size_ -= entry_size(entries_.back().name, entries_.back().value);
    entries_.pop_back();
  }
}

}  // namespace rmvss::bridge::hpack
