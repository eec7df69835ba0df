#include "deadline_call.h"

#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace rmvss::native {

namespace {

std::atomic<long> in_flight{0};

struct Slot {
    std::mutex mutex;
    std::condition_variable done_signal;
    bool done = false;
    Reply reply;
};

}  // namespace

long calls_in_flight() { return in_flight.load(); }

Reply call_with_deadline(Deadline deadline, std::function<Reply()> call) {
    auto slot = std::make_shared<Slot>();
    in_flight++;
    try {
        std::thread([slot, call = std::move(call)] {
            Reply reply;
            try {
                reply = call();
            } catch (const std::exception& e) {
                reply = Reply::unreachable(std::string("exception in the control plane client: ") + e.what());
            } catch (...) {
                reply = Reply::unreachable("unknown exception in the control plane client");
            }
            {
                std::lock_guard<std::mutex> lock(slot->mutex);
                slot->reply = std::move(reply);
                slot->done = true;
            }
            slot->done_signal.notify_all();
            in_flight--;
        }).detach();
    } catch (...) {  // no thread (out of resources): fail this call, never throw into COM
        in_flight--;
        return Reply::unreachable("could not start a worker thread");
    }

    std::unique_lock<std::mutex> lock(slot->mutex);
    if (!slot->done_signal.wait_for(lock, deadline, [&] { return slot->done; }))
        return Reply::unreachable("no answer within the deadline of " + std::to_string(deadline.count()) + " ms");
    return slot->reply;
}

}  // namespace rmvss::native
