// Runs one control-plane call on a worker thread and stops waiting at the deadline, so a hung or
// slow control plane (or bridge) can never hang the VSS service. A call that overruns is
// abandoned: it finishes in the background, owning copies of everything it uses. Worker threads
// live as long as the process, so DllCanUnloadNow says "not yet" once any has started.
#pragma once

#include "rmvss/native/control_plane.h"

#include <functional>
#include <memory>

namespace rmvss::native {

Reply call_with_deadline(Deadline deadline, std::function<Reply()> call);

// Calls started and not yet finished (including abandoned ones).
long calls_in_flight();

// Worker threads started (they run the DLL's code until the process ends).
long worker_threads();

}  // namespace rmvss::native
