package io.rmvss.array.daemon;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One command line sent to the array daemon: a CCI command (from bin/cci) or an rmvss host-I/O verb.
 *
 * @param stdin what the caller piped in, for the commands that read device names from it ("" otherwise)
 */
public record ArrayRequest(String command, List<String> args, Map<String, String> env, Path cwd, String stdin) {
    public ArrayRequest(String command, List<String> args, Map<String, String> env, Path cwd) {
        this(command, args, env, cwd, "");
    }
}
