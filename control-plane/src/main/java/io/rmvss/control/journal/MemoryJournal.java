package io.rmvss.control.journal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A journal that forgets on exit: for unit tests and for running without a database. */
public final class MemoryJournal implements Journal {
    private final Map<String, SetRecord> sets = new LinkedHashMap<>();
    private final Map<Long, OperationRecord> operations = new LinkedHashMap<>();
    private long next = 1;

    @Override
    public synchronized void saveSet(SetRecord set) {
        sets.put(set.setId(), set);
    }

    @Override
    public synchronized long intend(String setId, String group, OperationKind kind) {
        long id = next++;
        operations.put(id, new OperationRecord(id, setId, group, kind, "INTENDED", "", System.currentTimeMillis()));
        return id;
    }

    @Override
    public synchronized void finish(long operationId, boolean succeeded, String detail) {
        OperationRecord o = operations.get(operationId);
        if (o != null) {
            operations.put(operationId, new OperationRecord(o.id(), o.setId(), o.group(), o.kind(), succeeded ? "DONE" : "FAILED",
                    detail == null ? "" : detail, System.currentTimeMillis()));
        }
    }

    @Override
    public synchronized List<SetRecord> sets() {
        return new ArrayList<>(sets.values());
    }

    @Override
    public synchronized List<OperationRecord> unfinished() {
        return operations.values().stream().filter(o -> o.status().equals("INTENDED")).toList();
    }

    public synchronized List<OperationRecord> operations() {
        return new ArrayList<>(operations.values());
    }

    @Override
    public void close() {
    }
}
