package io.rmvss.control.journal;

/** One pair operation; {@code status} is INTENDED, DONE or FAILED. */
public record OperationRecord(long id, String setId, String group, OperationKind kind, String status, String detail, long atMillis) {
}
