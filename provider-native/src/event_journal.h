// Events the DLL writes itself ([EV_ERPERM], [EV_ATTHOR], ...). While writes are frozen
// (PreCommitSnapshots .. PostCommitSnapshots) nothing may touch the event log or a file, so
// events raised then are queued and written at the first moment after the freeze.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace rmvss::native {

struct Event {
    uint32_t id = 0;      // Event Log event ID (see event_id())
    std::string tag;      // "EV_ATTHOR"
    std::string text;     // full message, starting with "[EV_...]"
};

uint32_t event_id(const std::string& tag);  // stable IDs: EV_ERPERM=1, EV_ATTHOR=4, EV_EXCEPT=12, ...

// One JSON object per line: {"source":"RM Shadow Copy Provider","id":4,"tag":"EV_ATTHOR","text":"..."}
std::string json_line(const Event& event);

class EventJournal {
public:
    using Writer = std::function<void(const Event&)>;
    explicit EventJournal(Writer writer) : writer_(std::move(writer)) {}

    void report(Event event);  // writes now, or queues while frozen
    void begin_freeze();
    void end_freeze();         // leaves the freeze; queued events wait for flush()
    void flush();              // writes what was queued, if not frozen
    bool frozen() const;
    size_t queued() const;

private:
    Writer writer_;
    mutable std::mutex mutex_;
    bool frozen_ = false;
    std::vector<Event> queue_;
};

}  // namespace rmvss::native
