package io.rmvss.control.snapshot;

/** ResyncLuns is long-running: the caller polls this. {@code error} is set when it failed. */
public record ResyncStatus(String operationId, State state, int groups, ProviderError error) {
    public enum State { RUNNING, DONE, FAILED }
}
