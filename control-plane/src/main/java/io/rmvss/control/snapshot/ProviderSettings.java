package io.rmvss.control.snapshot;

import java.time.Duration;

/**
 * Limits of the snapshot-set machine.
 *
 * @param commitDeadline  CommitSnapshots rolls back and vetoes after this (default 8 s: inside VSS's 10 s flush-and-hold)
 * @param prepareTimeout  EndPrepareSnapshots waits this long for the pairs to reach PAIR
 * @param maxFreeze       events queued during the freeze are written after this even if PostCommit never comes
 * @param maxLunsPerSet   VSS's limit of 64 volumes per snapshot set
 */
public record ProviderSettings(Duration commitDeadline, Duration prepareTimeout, Duration maxFreeze, int maxLunsPerSet) {
    public static ProviderSettings defaults() {
        return new ProviderSettings(Duration.ofSeconds(8), Duration.ofMinutes(30), Duration.ofSeconds(60), 64);
    }

    public ProviderSettings withCommitDeadline(Duration d) {
        return new ProviderSettings(d, prepareTimeout, maxFreeze, maxLunsPerSet);
    }

    public ProviderSettings withPrepareTimeout(Duration d) {
        return new ProviderSettings(commitDeadline, d, maxFreeze, maxLunsPerSet);
    }
}
