package io.rmvss.control.journal;

import java.util.List;

/** A snapshot set as journalled: its state name and the pairs it covers. */
public record SetRecord(String setId, String state, long updatedMillis, List<Member> members) {
    /** One LUN of the set: the P-VOL, its copy group and S-VOL. */
    public record Member(String snapshotId, String group, String devName, int serial, int pvolLdev, int svolSerial, int svolLdev) {
    }

    public SetRecord {
        members = List.copyOf(members);
    }
}
