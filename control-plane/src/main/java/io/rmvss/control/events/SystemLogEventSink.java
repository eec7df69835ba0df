package io.rmvss.control.events;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The system log on non-Windows hosts, through java.util.logging (logger {@code rmvss.events});
 * a syslog handler or journald picks it up from the service's stderr.
 */
public final class SystemLogEventSink implements EventSink {
    private static final Logger LOG = Logger.getLogger("rmvss.events");

    @Override
    public void write(ProviderEvent event) {
        LOG.log(Level.SEVERE, event.render());
    }
}
