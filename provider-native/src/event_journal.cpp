#include "event_journal.h"

#include <cstdio>

namespace rmvss::native {

uint32_t event_id(const std::string& tag) {
    // Table 3.5's order, so an ID means the same thing in every release.
    static const char* const tags[] = {"EV_ERPERM", "EV_ENOMEM", "EV_INVSTP", "EV_ATTHOR", "EV_CMDIOE",
                                       "EV_EGETEV", "EV_ENOSUP", "EV_ENOINQ", "EV_ENOOBJ", "EV_ENOSER",
                                       "EV_ENRMCM", "EV_ENRMPH", "EV_ESETEV", "EV_EXCEPT", "EV_INVARG",
                                       "EV_INVSEQ", "EV_EOPDEV"};
    for (uint32_t i = 0; i < sizeof tags / sizeof tags[0]; ++i)
        if (tag == tags[i]) return i + 1;
    return 100;
}

std::string json_line(const Event& event) {
    auto quote = [](const std::string& s) {
        std::string out = "\"";
        for (unsigned char c : s) {
            if (c == '"' || c == '\\') {
                out += '\\';
                out += static_cast<char>(c);
            } else if (c < 0x20) {
                char esc[8];
                std::snprintf(esc, sizeof esc, "\\u%04x", c);
                out += esc;
            } else {
                out += static_cast<char>(c);
            }
        }
        return out + "\"";
    };
    return "{\"source\":\"RM Shadow Copy Provider\",\"id\":" + std::to_string(event.id) + ",\"tag\":" + quote(event.tag) +
           ",\"text\":" + quote(event.text) + "}";
}

void EventJournal::report(Event event) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (frozen_) {
            queue_.push_back(std::move(event));
            return;
        }
    }
    flush();  // older queued events first
    writer_(event);
}

void EventJournal::begin_freeze() {
    std::lock_guard<std::mutex> lock(mutex_);
    frozen_ = true;
}

void EventJournal::end_freeze() {
    std::lock_guard<std::mutex> lock(mutex_);
    frozen_ = false;
}

void EventJournal::flush() {
    std::vector<Event> pending;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (frozen_) return;
        pending.swap(queue_);
    }
    for (const Event& e : pending) writer_(e);
}

bool EventJournal::frozen() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return frozen_;
}

size_t EventJournal::queued() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return queue_.size();
}

}  // namespace rmvss::native
