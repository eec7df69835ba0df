package io.rmvss.control.events;

/**
 * A failure that the provider reports as an [EV_*] event: the code, what happened this time and,
 * where the seed has one, the KAVX message. Thrown by configuration, the CCI driver and LUN
 * resolution; the snapshot-set layer turns it into the HRESULT the VSS call returns.
 */
public class EventException extends RuntimeException {
    private final transient ProviderEvent event;

    public EventException(EventCode code, String detail) {
        this(ProviderEvent.of(code, detail));
    }

    public EventException(ProviderEvent event) {
        super(event.code().text() + (event.detail().isEmpty() ? "" : ": " + event.detail()));
        this.event = event;
    }

    public ProviderEvent event() { return event; }

    public EventCode code() { return event.code(); }
}
