package io.rmvss.array.layout;

/** One LUN of a storage system: the LDEV that answers at port / target ID / LUN. */
public record LunMapping(String port, int targetId, int lun, int ldev) {
}
