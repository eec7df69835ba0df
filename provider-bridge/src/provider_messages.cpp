#include "rmvss/bridge/provider_messages.hpp"

#include <type_traits>

#include "rmvss/bridge/protobuf_wire.hpp"

namespace rmvss::bridge::pb {

using protobuf::FieldTag;
using protobuf::WireType;

bool LunInformation::operator==(const LunInformation& o) const {
  return version == o.version && device_type == o.device_type && device_type_modifier == o.device_type_modifier &&
         command_queueing == o.command_queueing && bus_type == o.bus_type && vendor_id == o.vendor_id &&
         product_id == o.product_id && product_revision == o.product_revision && serial_number == o.serial_number &&
         disk_signature == o.disk_signature && device_id_descriptor_version == o.device_id_descriptor_version &&
         identifiers == o.identifiers && interconnects == o.interconnects;
}

namespace {

// ---- The one list of fields per message. Order = field number order (Java's write order). ----
// v.<kind>(number, "name", member): kinds u32, i32, u64, boolean, str, bytes, opt_bytes, msg, msgs.

template <typename V> void fields(StorageIdentifier& m, V& v) {
  v.u32(1, "code_set", m.code_set);
  v.u32(2, "type", m.type);
  v.bytes(3, "identifier", m.identifier);
}
template <typename V> void fields(Interconnect& m, V& v) {
  v.u32(1, "address_type", m.address_type);
  v.bytes(2, "port", m.port);
  v.bytes(3, "address", m.address);
}
template <typename V> void fields(LunInformation& m, V& v) {
  v.u32(1, "version", m.version);
  v.u32(2, "device_type", m.device_type);
  v.u32(3, "device_type_modifier", m.device_type_modifier);
  v.boolean(4, "command_queueing", m.command_queueing);
  v.u32(5, "bus_type", m.bus_type);
  v.opt_bytes(6, "vendor_id", m.vendor_id);
  v.opt_bytes(7, "product_id", m.product_id);
  v.opt_bytes(8, "product_revision", m.product_revision);
  v.opt_bytes(9, "serial_number", m.serial_number);
  v.str(10, "disk_signature", m.disk_signature);
  v.u32(11, "device_id_descriptor_version", m.device_id_descriptor_version);
  v.msgs(12, "identifiers", m.identifiers);
  v.msgs(13, "interconnects", m.interconnects);
}
template <typename V> void fields(DeviceLun& m, V& v) {
  v.str(1, "device", m.device);
  v.msg(2, "lun", m.lun);
}
template <typename V> void fields(ProviderFault& m, V& v) {
  v.i32(1, "hresult", m.hresult);
  v.str(2, "event_code", m.event_code);
  v.str(3, "message", m.message);
  v.str(4, "cause", m.cause);
  v.str(5, "correction", m.correction);
  v.str(6, "detail", m.detail);
}
#define RMVSS_NO_FIELDS(T) \
  template <typename V> void fields(T&, V&) {}
#define RMVSS_SET_ID_FIELDS(T) \
  template <typename V> void fields(T& m, V& v) { v.str(1, "snapshot_set_id", m.snapshot_set_id); }
RMVSS_NO_FIELDS(OnLoadRequest)
RMVSS_NO_FIELDS(OnLoadResponse)
template <typename V> void fields(OnUnloadRequest& m, V& v) { v.boolean(1, "force", m.force); }
RMVSS_NO_FIELDS(OnUnloadResponse)
template <typename V> void fields(AreLunsSupportedRequest& m, V& v) {
  v.i32(1, "context", m.context);
  v.msgs(2, "luns", m.luns);
}
template <typename V> void fields(AreLunsSupportedResponse& m, V& v) {
  v.boolean(1, "supported", m.supported);
  v.msgs(2, "luns", m.luns);
}
template <typename V> void fields(FillInLunInfoRequest& m, V& v) { v.msg(1, "lun", m.lun); }
template <typename V> void fields(FillInLunInfoResponse& m, V& v) {
  v.boolean(1, "supported", m.supported);
  v.msg(2, "lun", m.lun);
}
template <typename V> void fields(BeginPrepareSnapshotRequest& m, V& v) {
  v.str(1, "snapshot_set_id", m.snapshot_set_id);
  v.str(2, "snapshot_id", m.snapshot_id);
  v.i32(3, "context", m.context);
  v.msgs(4, "luns", m.luns);
}
RMVSS_NO_FIELDS(BeginPrepareSnapshotResponse)
template <typename V> void fields(GetTargetLunsRequest& m, V& v) { v.msgs(1, "sources", m.sources); }
template <typename V> void fields(GetTargetLunsResponse& m, V& v) { v.msgs(1, "targets", m.targets); }
template <typename V> void fields(LocateLunsRequest& m, V& v) { v.msgs(1, "sources", m.sources); }
RMVSS_NO_FIELDS(LocateLunsResponse)
template <typename V> void fields(OnLunEmptyRequest& m, V& v) { v.msg(1, "lun", m.lun); }
RMVSS_NO_FIELDS(OnLunEmptyResponse)
RMVSS_SET_ID_FIELDS(EndPrepareSnapshotsRequest)
RMVSS_NO_FIELDS(EndPrepareSnapshotsResponse)
RMVSS_SET_ID_FIELDS(PreCommitSnapshotsRequest)
RMVSS_NO_FIELDS(PreCommitSnapshotsResponse)
RMVSS_SET_ID_FIELDS(CommitSnapshotsRequest)
RMVSS_NO_FIELDS(CommitSnapshotsResponse)
template <typename V> void fields(PostCommitSnapshotsRequest& m, V& v) {
  v.str(1, "snapshot_set_id", m.snapshot_set_id);
  v.i32(2, "snapshot_count", m.snapshot_count);
}
RMVSS_NO_FIELDS(PostCommitSnapshotsResponse)
RMVSS_SET_ID_FIELDS(PreFinalCommitSnapshotsRequest)
RMVSS_NO_FIELDS(PreFinalCommitSnapshotsResponse)
RMVSS_SET_ID_FIELDS(PostFinalCommitSnapshotsRequest)
RMVSS_NO_FIELDS(PostFinalCommitSnapshotsResponse)
RMVSS_SET_ID_FIELDS(AbortSnapshotsRequest)
RMVSS_NO_FIELDS(AbortSnapshotsResponse)
RMVSS_NO_FIELDS(GetProviderCapabilitiesRequest)
template <typename V> void fields(GetProviderCapabilitiesResponse& m, V& v) { v.u64(1, "capabilities", m.capabilities); }
template <typename V> void fields(OnLunStateChangeRequest& m, V& v) {
  v.msgs(1, "snapshot_luns", m.snapshot_luns);
  v.msgs(2, "original_luns", m.original_luns);
  v.u32(3, "flags", m.flags);
}
RMVSS_NO_FIELDS(OnLunStateChangeResponse)
template <typename V> void fields(ResyncLunsRequest& m, V& v) {
  v.msgs(1, "sources", m.sources);
  v.msgs(2, "targets", m.targets);
}
template <typename V> void fields(ResyncLunsResponse& m, V& v) { v.str(1, "operation_id", m.operation_id); }
template <typename V> void fields(GetResyncStatusRequest& m, V& v) { v.str(1, "operation_id", m.operation_id); }
template <typename V> void fields(GetResyncStatusResponse& m, V& v) {
  v.boolean(1, "done", m.done);
  v.i32(2, "percent", m.percent);
  v.i32(3, "hresult", m.hresult);
}
template <typename V> void fields(Any& m, V& v) {
  v.str(1, "type_url", m.type_url);
  v.bytes(2, "value", m.value);
}
template <typename V> void fields(RpcStatus& m, V& v) {
  v.i32(1, "code", m.code);
  v.str(2, "message", m.message);
  v.msgs(3, "details", m.details);
}
#undef RMVSS_NO_FIELDS
#undef RMVSS_SET_ID_FIELDS

// Every message type, for explicit instantiation and the table.
template <typename... T> struct TypeList {};
using ContractMessages = TypeList<
    StorageIdentifier, Interconnect, LunInformation, DeviceLun, ProviderFault, OnLoadRequest, OnLoadResponse,
    OnUnloadRequest, OnUnloadResponse, AreLunsSupportedRequest, AreLunsSupportedResponse, FillInLunInfoRequest,
    FillInLunInfoResponse, BeginPrepareSnapshotRequest, BeginPrepareSnapshotResponse, GetTargetLunsRequest,
    GetTargetLunsResponse, LocateLunsRequest, LocateLunsResponse, OnLunEmptyRequest, OnLunEmptyResponse,
    EndPrepareSnapshotsRequest, EndPrepareSnapshotsResponse, PreCommitSnapshotsRequest, PreCommitSnapshotsResponse,
    CommitSnapshotsRequest, CommitSnapshotsResponse, PostCommitSnapshotsRequest, PostCommitSnapshotsResponse,
    PreFinalCommitSnapshotsRequest, PreFinalCommitSnapshotsResponse, PostFinalCommitSnapshotsRequest,
    PostFinalCommitSnapshotsResponse, AbortSnapshotsRequest, AbortSnapshotsResponse, GetProviderCapabilitiesRequest,
    GetProviderCapabilitiesResponse, OnLunStateChangeRequest, OnLunStateChangeResponse, ResyncLunsRequest,
    ResyncLunsResponse, GetResyncStatusRequest, GetResyncStatusResponse>;

// ---- Encoder ----
struct EncodeVisitor {
  protobuf::Writer& w;
  void u32(std::uint32_t n, const char*, std::uint32_t& x) { if (x != 0) w.write_varint(n, x); }
  void i32(std::uint32_t n, const char*, std::int32_t& x) { if (x != 0) w.write_int32(n, x); }
  void u64(std::uint32_t n, const char*, std::uint64_t& x) { if (x != 0) w.write_varint(n, x); }
  void boolean(std::uint32_t n, const char*, bool& x) { if (x) w.write_bool(n, true); }
  void str(std::uint32_t n, const char*, std::string& x) { if (!x.empty()) w.write_string(n, x); }
  void bytes(std::uint32_t n, const char*, Bytes& x) { if (!x.empty()) w.write_bytes(n, x.data(), x.size()); }
  void opt_bytes(std::uint32_t n, const char*, std::optional<Bytes>& x) {
    if (x) w.write_bytes(n, x->data(), x->size());
  }
  template <typename T> void msg(std::uint32_t n, const char*, std::optional<T>& x) {
    if (x) write_nested(n, *x);
  }
  template <typename T> void msgs(std::uint32_t n, const char*, std::vector<T>& x) {
    for (T& item : x) write_nested(n, item);
  }
  template <typename T> void write_nested(std::uint32_t n, T& item) {
    protobuf::Writer nested;
    EncodeVisitor v{nested};
    fields(item, v);
    w.write_message(n, nested);
  }
};

// ---- Decoder ----
constexpr int kMaxDepth = 32;

bool valid_utf8(const std::uint8_t* s, std::size_t n) {
  std::size_t i = 0;
  while (i < n) {
    const std::uint8_t c = s[i];
    std::size_t len;
    std::uint32_t cp;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (n - i < len) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

template <typename T> Status decode_into(T& message, const std::uint8_t* data, std::size_t size, int depth);

struct DecodeVisitor {
  FieldTag tag;
  protobuf::Reader& r;
  int depth;
  const char* message;
  bool handled = false;
  Status status;

  bool mine(std::uint32_t n, WireType type) {
    if (handled || n != tag.number || type != tag.type) return false;
    handled = true;
    return true;
  }
  bool varint(std::uint64_t& out) {
    auto v = r.read_varint();
    if (!v) { status = v.error(); return false; }
    out = v.value();
    return true;
  }
  bool slice(protobuf::ByteSlice& out) {
    auto s = r.read_length_delimited();
    if (!s) { status = s.error(); return false; }
    out = s.value();
    return true;
  }
  void u32(std::uint32_t n, const char*, std::uint32_t& x) {
    std::uint64_t v;
    if (mine(n, WireType::Varint) && varint(v)) x = static_cast<std::uint32_t>(v);
  }
  void i32(std::uint32_t n, const char*, std::int32_t& x) {
    std::uint64_t v;
    if (mine(n, WireType::Varint) && varint(v)) x = static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
  }
  void u64(std::uint32_t n, const char*, std::uint64_t& x) {
    std::uint64_t v;
    if (mine(n, WireType::Varint) && varint(v)) x = v;
  }
  void boolean(std::uint32_t n, const char*, bool& x) {
    std::uint64_t v;
    if (mine(n, WireType::Varint) && varint(v)) x = v != 0;
  }
  void str(std::uint32_t n, const char* name, std::string& x) {
    protobuf::ByteSlice s;
    if (!mine(n, WireType::LengthDelimited) || !slice(s)) return;
    if (!valid_utf8(s.data, s.size)) {
      status = protocol_error(std::string(message) + "." + name + " is not valid UTF-8");
      return;
    }
    x = s.to_string();
  }
  void bytes(std::uint32_t n, const char*, Bytes& x) {
    protobuf::ByteSlice s;
    if (mine(n, WireType::LengthDelimited) && slice(s)) x.assign(s.data, s.data + s.size);
  }
  void opt_bytes(std::uint32_t n, const char*, std::optional<Bytes>& x) {
    protobuf::ByteSlice s;
    if (mine(n, WireType::LengthDelimited) && slice(s)) x.emplace(s.data, s.data + s.size);
  }
  template <typename T> void msg(std::uint32_t n, const char*, std::optional<T>& x) {
    protobuf::ByteSlice s;
    if (!mine(n, WireType::LengthDelimited) || !slice(s)) return;
    if (!x) x.emplace();  // a repeated occurrence merges into the first, as protobuf does
    status = decode_into(*x, s.data, s.size, depth + 1);
  }
  template <typename T> void msgs(std::uint32_t n, const char*, std::vector<T>& x) {
    protobuf::ByteSlice s;
    if (!mine(n, WireType::LengthDelimited) || !slice(s)) return;
    T item;
    status = decode_into(item, s.data, s.size, depth + 1);
    if (status) x.push_back(std::move(item));
  }
};

template <typename T> Status decode_into(T& message, const std::uint8_t* data, std::size_t size, int depth) {
  if (depth > kMaxDepth) return protocol_error("protobuf messages nested too deeply");
  protobuf::Reader r(data, size);
  for (;;) {
    auto tag = r.next_field();
    if (!tag) return tag.error();
    if (!tag.value()) return {};
    DecodeVisitor v{*tag.value(), r, depth, T::kName, false, Status()};
    fields(message, v);
    if (!v.status) return v.status;
    if (!v.handled) {
      Status skipped = r.skip(tag.value()->type);
      if (!skipped) return skipped;
    }
  }
}

// ---- Table ----
template <typename T> std::string type_name() {
  std::string name = T::kName;
  return name;
}

struct TableVisitor {
  std::string message;
  std::vector<FieldEntry>& out;
  void add(std::uint32_t n, const char* name, std::string type) { out.push_back({message, name, std::move(type), n}); }
  void u32(std::uint32_t n, const char* name, std::uint32_t&) { add(n, name, "uint32"); }
  void i32(std::uint32_t n, const char* name, std::int32_t&) { add(n, name, "int32"); }
  void u64(std::uint32_t n, const char* name, std::uint64_t&) { add(n, name, "uint64"); }
  void boolean(std::uint32_t n, const char* name, bool&) { add(n, name, "bool"); }
  void str(std::uint32_t n, const char* name, std::string&) { add(n, name, "string"); }
  void bytes(std::uint32_t n, const char* name, Bytes&) { add(n, name, "bytes"); }
  void opt_bytes(std::uint32_t n, const char* name, std::optional<Bytes>&) { add(n, name, "optional bytes"); }
  template <typename T> void msg(std::uint32_t n, const char* name, std::optional<T>&) { add(n, name, type_name<T>()); }
  template <typename T> void msgs(std::uint32_t n, const char* name, std::vector<T>&) {
    add(n, name, "repeated " + type_name<T>());
  }
};

template <typename... T> void table_of(TypeList<T...>, std::vector<FieldEntry>& out, std::vector<std::string>& names) {
  auto one = [&](auto instance) {
    using M = decltype(instance);
    names.push_back(M::kName);
    TableVisitor v{M::kName, out};
    fields(instance, v);
  };
  (one(T{}), ...);
}

// ---- Protobuf text format (what `protoc --decode` and Java's TextFormat print/parse) ----
void append_quoted(std::string& out, const std::uint8_t* data, std::size_t size) {
  out.push_back('"');
  for (std::size_t i = 0; i < size; ++i) {
    const std::uint8_t c = data[i];
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '"': out += "\\\""; break;
      case '\'': out += "\\'"; break;
      case '\\': out += "\\\\"; break;
      default:
        if (c >= 0x20 && c < 0x7f) {
          out.push_back(static_cast<char>(c));
        } else {
          out.push_back('\\');
          out.push_back(static_cast<char>('0' + ((c >> 6) & 7)));
          out.push_back(static_cast<char>('0' + ((c >> 3) & 7)));
          out.push_back(static_cast<char>('0' + (c & 7)));
        }
    }
  }
  out.push_back('"');
}

struct TextVisitor {
  std::string& out;
  int indent;
  void line(const char* name, const std::string& value) {
    out.append(static_cast<std::size_t>(indent) * 2, ' ');
    out += name;
    out += ": ";
    out += value;
    out += "\n";
  }
  void quoted(const char* name, const std::uint8_t* d, std::size_t n) {
    std::string v;
    append_quoted(v, d, n);
    line(name, v);
  }
  void u32(std::uint32_t, const char* name, std::uint32_t& x) { if (x != 0) line(name, std::to_string(x)); }
  void i32(std::uint32_t, const char* name, std::int32_t& x) { if (x != 0) line(name, std::to_string(x)); }
  void u64(std::uint32_t, const char* name, std::uint64_t& x) { if (x != 0) line(name, std::to_string(x)); }
  void boolean(std::uint32_t, const char* name, bool& x) { if (x) line(name, "true"); }
  void str(std::uint32_t, const char* name, std::string& x) {
    if (!x.empty()) quoted(name, reinterpret_cast<const std::uint8_t*>(x.data()), x.size());
  }
  void bytes(std::uint32_t, const char* name, Bytes& x) { if (!x.empty()) quoted(name, x.data(), x.size()); }
  void opt_bytes(std::uint32_t, const char* name, std::optional<Bytes>& x) { if (x) quoted(name, x->data(), x->size()); }
  template <typename T> void msg(std::uint32_t, const char* name, std::optional<T>& x) { if (x) nested(name, *x); }
  template <typename T> void msgs(std::uint32_t, const char* name, std::vector<T>& x) {
    for (T& item : x) nested(name, item);
  }
  template <typename T> void nested(const char* name, T& item) {
    out.append(static_cast<std::size_t>(indent) * 2, ' ');
    out += name;
    out += " {\n";
    TextVisitor v{out, indent + 1};
    fields(item, v);
    out.append(static_cast<std::size_t>(indent) * 2, ' ');
    out += "}\n";
  }
};

}  // namespace

template <typename T> Bytes encode(const T& message) {
  protobuf::Writer w;
  EncodeVisitor v{w};
  fields(const_cast<T&>(message), v);  // the encoder only reads
  return w.take();
}

template <typename T> std::string to_text(const T& message) {
  std::string out;
  TextVisitor v{out, 0};
  fields(const_cast<T&>(message), v);
  return out;
}

template <typename T> Result<T> decode(const std::uint8_t* data, std::size_t size) {
  T message;
  Status s = decode_into(message, data, size, 0);
  if (!s) return s.error();
  return message;
}

// Explicit instantiations: every message of the contract, Any and Status.
#define RMVSS_INSTANTIATE(T) \
  template Bytes encode<T>(const T&); \
  template Result<T> decode<T>(const std::uint8_t*, std::size_t); \
  template std::string to_text<T>(const T&);
RMVSS_INSTANTIATE(StorageIdentifier)
RMVSS_INSTANTIATE(Interconnect)
RMVSS_INSTANTIATE(LunInformation)
RMVSS_INSTANTIATE(DeviceLun)
RMVSS_INSTANTIATE(ProviderFault)
RMVSS_INSTANTIATE(OnLoadRequest)
RMVSS_INSTANTIATE(OnLoadResponse)
RMVSS_INSTANTIATE(OnUnloadRequest)
RMVSS_INSTANTIATE(OnUnloadResponse)
RMVSS_INSTANTIATE(AreLunsSupportedRequest)
RMVSS_INSTANTIATE(AreLunsSupportedResponse)
RMVSS_INSTANTIATE(FillInLunInfoRequest)
RMVSS_INSTANTIATE(FillInLunInfoResponse)
RMVSS_INSTANTIATE(BeginPrepareSnapshotRequest)
RMVSS_INSTANTIATE(BeginPrepareSnapshotResponse)
RMVSS_INSTANTIATE(GetTargetLunsRequest)
RMVSS_INSTANTIATE(GetTargetLunsResponse)
RMVSS_INSTANTIATE(LocateLunsRequest)
RMVSS_INSTANTIATE(LocateLunsResponse)
RMVSS_INSTANTIATE(OnLunEmptyRequest)
RMVSS_INSTANTIATE(OnLunEmptyResponse)
RMVSS_INSTANTIATE(EndPrepareSnapshotsRequest)
RMVSS_INSTANTIATE(EndPrepareSnapshotsResponse)
RMVSS_INSTANTIATE(PreCommitSnapshotsRequest)
RMVSS_INSTANTIATE(PreCommitSnapshotsResponse)
RMVSS_INSTANTIATE(CommitSnapshotsRequest)
RMVSS_INSTANTIATE(CommitSnapshotsResponse)
RMVSS_INSTANTIATE(PostCommitSnapshotsRequest)
RMVSS_INSTANTIATE(PostCommitSnapshotsResponse)
RMVSS_INSTANTIATE(PreFinalCommitSnapshotsRequest)
RMVSS_INSTANTIATE(PreFinalCommitSnapshotsResponse)
RMVSS_INSTANTIATE(PostFinalCommitSnapshotsRequest)
RMVSS_INSTANTIATE(PostFinalCommitSnapshotsResponse)
RMVSS_INSTANTIATE(AbortSnapshotsRequest)
RMVSS_INSTANTIATE(AbortSnapshotsResponse)
RMVSS_INSTANTIATE(GetProviderCapabilitiesRequest)
RMVSS_INSTANTIATE(GetProviderCapabilitiesResponse)
RMVSS_INSTANTIATE(OnLunStateChangeRequest)
RMVSS_INSTANTIATE(OnLunStateChangeResponse)
RMVSS_INSTANTIATE(ResyncLunsRequest)
RMVSS_INSTANTIATE(ResyncLunsResponse)
RMVSS_INSTANTIATE(GetResyncStatusRequest)
RMVSS_INSTANTIATE(GetResyncStatusResponse)
RMVSS_INSTANTIATE(Any)
RMVSS_INSTANTIATE(RpcStatus)
#undef RMVSS_INSTANTIATE

Result<std::optional<ProviderFault>> provider_fault_from_status_details(const Bytes& details) {
  auto status = decode<RpcStatus>(details);
  if (!status) return status.error();
  for (const Any& any : status->details) {
    const std::string& url = any.type_url;
    const std::string suffix = "/rmvss.v1.ProviderFault";
    if (url.size() < suffix.size() || url.compare(url.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    auto fault = decode<ProviderFault>(any.value);
    if (!fault) return fault.error();
    return std::optional<ProviderFault>(std::move(fault).value());
  }
  return std::optional<ProviderFault>();
}

Bytes status_details_with_fault(std::int32_t grpc_code, const std::string& message, const ProviderFault& fault) {
  RpcStatus status;
  status.code = grpc_code;
  status.message = message;
  status.details.push_back(Any{kProviderFaultTypeUrl, encode(fault)});
  return encode(status);
}

std::vector<FieldEntry> message_table() {
  std::vector<FieldEntry> out;
  std::vector<std::string> names;
  table_of(ContractMessages{}, out, names);
  return out;
}

std::vector<std::string> message_names() {
  std::vector<FieldEntry> out;
  std::vector<std::string> names;
  table_of(ContractMessages{}, out, names);
  return names;
}

const std::vector<RpcEntry>& rpc_table() {
#define RMVSS_RPC(name) {#name, #name "Request", #name "Response"}
  static const std::vector<RpcEntry> table = {
      RMVSS_RPC(OnLoad),
      RMVSS_RPC(OnUnload),
      RMVSS_RPC(AreLunsSupported),
      RMVSS_RPC(FillInLunInfo),
      RMVSS_RPC(BeginPrepareSnapshot),
      RMVSS_RPC(GetTargetLuns),
      RMVSS_RPC(LocateLuns),
      RMVSS_RPC(OnLunEmpty),
      RMVSS_RPC(EndPrepareSnapshots),
      RMVSS_RPC(PreCommitSnapshots),
      RMVSS_RPC(CommitSnapshots),
      RMVSS_RPC(PostCommitSnapshots),
      RMVSS_RPC(PreFinalCommitSnapshots),
      RMVSS_RPC(PostFinalCommitSnapshots),
      RMVSS_RPC(AbortSnapshots),
      RMVSS_RPC(GetProviderCapabilities),
      RMVSS_RPC(OnLunStateChange),
      RMVSS_RPC(ResyncLuns),
      RMVSS_RPC(GetResyncStatus),
  };
#undef RMVSS_RPC
  return table;
}

std::string method_path(const std::string& rpc) { return std::string("/") + kServiceName + "/" + rpc; }

}  // namespace rmvss::bridge::pb
