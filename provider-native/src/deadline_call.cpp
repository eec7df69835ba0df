#include "deadline_call.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace rmvss::native {

namespace {

std::atomic<long> in_flight{0};
std::atomic<long> workers{0};

struct Slot {
    std::mutex mutex;
    std::condition_variable done_signal;
    bool done = false;
    Reply reply;
};

struct Job {
    std::shared_ptr<Slot> slot;
    std::function<Reply()> call;
};

// Calls run on long-lived worker threads, not on a thread per call: under Wine, a C++ exception thrown
// while another thread of the DLL was exiting hung in winpthreads' TLS lock (seen in the Wine suite under
// load), and a thread per call made every call race the previous call's thread exit. A worker abandoned
// by a deadline finishes its call and then serves later ones; a new worker starts only when none is idle.
struct Pool {
    std::mutex mutex;
    std::condition_variable signal;
    std::deque<Job> jobs;
    long idle_workers = 0;
};
// Never destroyed: at exit, idle workers still wait on it (destroying a waited-on condition variable blocks).
Pool& pool = *new Pool;

Reply execute(const std::function<Reply()>& call) {
    try {
        return call();
    } catch (const std::exception& e) {
        return Reply::unreachable(std::string("exception in the control plane client: ") + e.what());
    } catch (...) {
        return Reply::unreachable("unknown exception in the control plane client");
    }
}

void deliver(Slot& slot, Reply reply) {
    {
        std::lock_guard<std::mutex> lock(slot.mutex);
        slot.reply = std::move(reply);
        slot.done = true;
    }
    slot.done_signal.notify_all();
    in_flight--;
}

[[noreturn]] void worker_loop() {
    std::unique_lock<std::mutex> lock(pool.mutex);
    pool.idle_workers++;
    for (;;) {
        pool.signal.wait(lock, [] { return !pool.jobs.empty(); });
        pool.idle_workers--;
        Job job = std::move(pool.jobs.front());
        pool.jobs.pop_front();
        lock.unlock();
        Reply reply = execute(job.call);
        // Idle again before the caller hears the answer, so the caller's next call finds this worker.
        lock.lock();
        pool.idle_workers++;
        lock.unlock();
        deliver(*job.slot, std::move(reply));
        job = Job{};  // the call's captures go now, not when the next job comes
        lock.lock();
    }
}

}  // namespace

long calls_in_flight() { return in_flight.load(); }

long worker_threads() { return workers.load(); }

Reply call_with_deadline(Deadline deadline, std::function<Reply()> call) {
    auto slot = std::make_shared<Slot>();
    in_flight++;
    {
        std::lock_guard<std::mutex> lock(pool.mutex);
        pool.jobs.push_back(Job{slot, std::move(call)});
        if (pool.idle_workers >= static_cast<long>(pool.jobs.size())) {
            pool.signal.notify_one();
        } else {
            try {
                std::thread(worker_loop).detach();
                workers++;
            } catch (...) {  // no thread (out of resources): fail this call, never throw into COM
                pool.jobs.pop_back();
                in_flight--;
                return Reply::unreachable("could not start a worker thread");
            }
        }
    }

    std::unique_lock<std::mutex> lock(slot->mutex);
    if (!slot->done_signal.wait_for(lock, deadline, [&] { return slot->done; }))
        return Reply::unreachable("no answer within the deadline of " + std::to_string(deadline.count()) + " ms");
    return slot->reply;
}

}  // namespace rmvss::native
