#include "install_plan.h"

#include <cstdio>

namespace rmvss::install {

namespace {

void print_result(const StepResult& r) {
    for (const std::string& line : r.lines) std::printf("      %s\n", line.c_str());
    if (r.ok) {
        std::printf("      OK\n");
    } else {
        std::printf("      FAILED: %s\n", r.error.c_str());
        if (!r.fix.empty()) std::printf("      Fix: %s\n", r.fix.c_str());
    }
    std::fflush(stdout);
}

std::string heading(size_t index, size_t count, const std::string& title) {
    return "[" + std::to_string(index + 1) + "/" + std::to_string(count) + "] " + title;
}

}  // namespace

void print_plan(const std::vector<Step>& steps) {
    for (size_t i = 0; i < steps.size(); ++i) std::printf("%s\n", heading(i, steps.size(), steps[i].title).c_str());
}

bool run_plan(const std::vector<Step>& steps, Mode mode) {
    bool all_ok = true;
    size_t failed_at = steps.size();
    std::vector<size_t> done;
    for (size_t i = 0; i < steps.size(); ++i) {
        const bool skipping = mode == Mode::StopAtFirstFailure && failed_at < steps.size();
        if (skipping && !steps[i].always) {
            std::printf("%s\n      skipped (step %zu failed)\n", heading(i, steps.size(), steps[i].title).c_str(), failed_at + 1);
            continue;
        }
        std::printf("%s\n", heading(i, steps.size(), steps[i].title).c_str());
        std::fflush(stdout);
        StepResult r = steps[i].run();
        print_result(r);
        if (r.ok) {
            done.push_back(i);
            continue;
        }
        all_ok = false;
        if (mode != Mode::StopAtFirstFailure || failed_at < steps.size()) continue;
        failed_at = i;
        for (auto it = done.rbegin(); it != done.rend(); ++it) {  // newest first
            if (!steps[*it].undo) continue;
            std::printf("      Undo step %zu: %s\n", *it + 1, steps[*it].undo_title.c_str());
            print_result(steps[*it].undo());
        }
    }
    return all_ok;
}

}  // namespace rmvss::install
