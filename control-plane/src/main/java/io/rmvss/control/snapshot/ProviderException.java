package io.rmvss.control.snapshot;

/** Carries a {@link ProviderError} out of a VSS call; the transport turns it into a status + detail. */
public final class ProviderException extends RuntimeException {
    private final transient ProviderError error;

    public ProviderException(ProviderError error) {
        super(error.toString());
        this.error = error;
    }

    public ProviderError error() { return error; }
}
