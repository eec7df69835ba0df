package io.rmvss.control.snapshot;

import java.util.List;

/** A snapshot set as the admin service shows it. */
public record SetView(String setId, SetState state, List<String> groups, List<String> pvols, List<String> splitGroups, long updatedMillis,
                      long createdMillis) {
}
