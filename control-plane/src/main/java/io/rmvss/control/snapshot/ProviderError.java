package io.rmvss.control.snapshot;

import io.rmvss.control.events.EventCode;

/** What a failed VSS call returns: the HRESULT for the DLL and the [EV_*] code reported with it. */
public record ProviderError(HResult hresult, EventCode event, String detail) {
    @Override
    public String toString() {
        return hresult + " (" + hresult.hex() + ") " + event.text() + ": " + detail;
    }
}
