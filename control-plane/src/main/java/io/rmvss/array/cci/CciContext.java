package io.rmvss.array.cci;

import io.rmvss.array.StorageArray;
import io.rmvss.array.horcm.InstanceRegistry;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What every command shares: the array, the started HORCM instances, and one lock that makes each
 * changing command (validate the whole group, then change it) atomic against the others. Reading
 * commands and pairevtwait never take it.
 */
public record CciContext(StorageArray array, InstanceRegistry instances, ReentrantLock changes) {
}
