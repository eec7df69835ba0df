package io.rmvss.control.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One event the provider reports: an [EV_*] code (message, cause, correction from the catalogue)
 * plus what happened this time ({@code detail}, e.g. the CCI command and its error line) and, where
 * the seed has one, the KAVX message the administrator also needs (KAVX5002-E, KAVX5003-E, KAVX5004-E).
 *
 * @param setId the snapshot set concerned, or null
 */
public record ProviderEvent(Instant time, EventCode code, String detail, String kavx, String setId) {
    public ProviderEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(code, "code");
        detail = detail == null ? "" : detail;
    }

    public static ProviderEvent of(EventCode code, String detail) {
        return new ProviderEvent(Instant.now(), code, detail, null, null);
    }

    public ProviderEvent withKavx(String kavxText) {
        return new ProviderEvent(time, code, detail, kavxText, setId);
    }

    public ProviderEvent forSet(String id) {
        return new ProviderEvent(time, code, detail, kavx, id);
    }

    /** One line for logs: code text, detail, KAVX text, correction. */
    public String render() {
        StringBuilder sb = new StringBuilder(code.text());
        if (!detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        if (kavx != null) {
            sb.append(" | ").append(kavx);
        }
        sb.append(" | Cause: ").append(code.cause()).append(" | Correction: ").append(code.correction());
        return sb.toString();
    }
}
