package io.rmvss.control.snapshot;

import io.rmvss.control.events.EventCode;
import io.rmvss.control.events.EventSink;
import io.rmvss.control.events.ProviderEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

final class RecordingSink implements EventSink {
    final List<ProviderEvent> written = new CopyOnWriteArrayList<>();

    @Override
    public void write(ProviderEvent event) {
        written.add(event);
    }

    List<EventCode> codes() {
        return written.stream().map(ProviderEvent::code).toList();
    }
}
