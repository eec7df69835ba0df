// Writes one event to the Windows Application log (source "RM Shadow Copy Provider") and, when
// configured (EventFile / RMVSS_EVENT_FILE), appends it as a JSON line: Wine's ReportEvent only
// traces, so tests read the file. Never call while writes are frozen: go through EventJournal.
#pragma once

#include "event_journal.h"
#include "provider_config.h"

namespace rmvss::native {

void write_event(const ProviderConfig& config, const Event& event);

}  // namespace rmvss::native
