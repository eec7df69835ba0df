// The install / uninstall as a list of steps, printed as they run in the manner of the seed's
// install log: "[n/N] what", net's own lines, then OK or FAILED with the error and the fix.
// An install stops at the first failure, undoes what it did (newest first) and still runs the
// steps marked `always` (starting VSS again); an uninstall is best effort: every step runs.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace rmvss::install {

struct StepResult {
    bool ok = false;
    std::vector<std::string> lines;  // printed under the step
    std::string error, fix;          // when !ok
};

struct Step {
    std::string title;
    std::function<StepResult()> run;
    std::function<StepResult()> undo;  // empty: nothing to undo
    std::string undo_title;            // e.g. "DllUnregisterServer"
    bool always = false;               // runs even after an earlier step failed
};

enum class Mode { StopAtFirstFailure, BestEffort };

// Prints and runs the steps; true when every step succeeded.
bool run_plan(const std::vector<Step>& steps, Mode mode);
// Prints the steps without running any.
void print_plan(const std::vector<Step>& steps);

}  // namespace rmvss::install
