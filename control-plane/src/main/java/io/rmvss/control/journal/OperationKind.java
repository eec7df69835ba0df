package io.rmvss.control.journal;

/** The pair operations the provider issues. */
public enum OperationKind { SPLIT, RESYNC, RESTORE, HIDE, UNHIDE }
