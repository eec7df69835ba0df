package io.rmvss.control.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The provider's event reporter. It fans events out to its sinks and keeps the most recent ones for
 * the admin service. While writes are frozen (between PreCommitSnapshots and PostCommitSnapshots)
 * nothing is written anywhere: VSS forbids event-log writes and synchronous file I/O there, so events
 * are queued and written when {@link #thaw()} is called.
 */
public final class Events {
    private static final int RECENT = 200;

    private final List<EventSink> sinks;
    private final List<ProviderEvent> queued = new ArrayList<>();
    private final Deque<ProviderEvent> recent = new ArrayDeque<>();
    private boolean frozen;

    public Events(List<EventSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    public static Events discarding() {
        return new Events(List.of());
    }

    public void report(ProviderEvent event) {
        synchronized (this) {
            recent.addLast(event);
            while (recent.size() > RECENT) {
                recent.removeFirst();
            }
            if (frozen) {
                queued.add(event);
                return;
            }
        }
        deliver(List.of(event));
    }

    /** From now on events are only queued. */
    public synchronized void freeze() {
        frozen = true;
    }

    public synchronized boolean frozen() {
        return frozen;
    }

    /** Writes what was queued while frozen, in order, and writes directly again. */
    public void thaw() {
        List<ProviderEvent> flush;
        synchronized (this) {
            frozen = false;
            flush = List.copyOf(queued);
            queued.clear();
        }
        deliver(flush);
    }

    public synchronized List<ProviderEvent> recent() {
        return List.copyOf(recent);
    }

    private void deliver(List<ProviderEvent> events) {
        for (ProviderEvent e : events) {
            for (EventSink sink : sinks) {
                try {
                    sink.write(e);
                } catch (RuntimeException ignored) {
                    // A sink must not fail the call; the others still get the event.
                }
            }
        }
    }
}
