// HPACK indexing tables: the static table (RFC 7541 Appendix A) and the dynamic table with
// size accounting and eviction (section 4).
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace rmvss::bridge::hpack {

struct HeaderField {
  std::string name;
  std::string value;
  // Set on a field decoded from (or to be encoded as) "literal never indexed", e.g. a
  // bearer token that intermediaries must not put in a table.
  bool never_indexed = false;

  bool operator==(const HeaderField& other) const {
    return name == other.name && value == other.value;
  }
};

inline constexpr std::size_t kStaticTableSize = 61;
inline constexpr std::size_t kEntryOverhead = 32;  // RFC 7541 section 4.1
inline constexpr std::size_t kDefaultHeaderTableSize = 4096;

// 1-based like the RFC; index must be in [1, kStaticTableSize].
const HeaderField& static_table_entry(std::size_t index);

// Static-table index of an exact match (name and value) or 0.
std::size_t static_table_find(std::string_view name, std::string_view value);
// Static-table index of the first entry with this name or 0.
std::size_t static_table_find_name(std::string_view name);

inline std::size_t entry_size(std::string_view name, std::string_view value) {
  return name.size() + value.size() + kEntryOverhead;
}

class DynamicTable {
 public:
  explicit DynamicTable(std::size_t max_size = kDefaultHeaderTableSize) : max_size_(max_size) {}

  // Adds a field as the newest entry, evicting the oldest as needed. An entry larger than
  // the whole table empties it, which RFC 7541 section 4.4 says is not an error.
  void insert(HeaderField field);
  // Changes the maximum size, evicting entries until the table fits.
  void set_max_size(std::size_t max_size);

  std::size_t max_size() const { return max_size_; }
  std::size_t size() const { return size_; }
  std::size_t entry_count() const { return entries_.size(); }
  // 0-based, newest first; nullptr when out of range.
  const HeaderField* entry(std::size_t position) const;
  // 0-based position of an exact/name match, or nullopt.
  std::optional<std::size_t> find(std::string_view name, std::string_view value) const;
  std::optional<std::size_t> find_name(std::string_view name) const;

 private:
  void evict_to_fit(std::size_t limit);

  std::deque<HeaderField> entries_;  // front is newest
  std::size_t size_ = 0;
  std::size_t max_size_;
};

}  // namespace rmvss::bridge::hpack
