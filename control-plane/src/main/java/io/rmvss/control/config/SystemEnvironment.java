package io.rmvss.control.config;

import java.util.Optional;

/**
 * The machine's persistent system environment: on Windows the values under
 * {@code HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment}, where System Properties writes what the
 * administrator sets. A running service does not see a change there until it is restarted (seed 1.3: "These settings are not
 * enabled until the database server is restarted"), so this view tells "not set" from "set, but not effective yet".
 */
public interface SystemEnvironment {
    String LOCATION = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment";

    /** The value as stored, or empty when the variable is not there. */
    Optional<String> value(String name);

    /** No persistent environment to compare with (Linux, or the registry cannot be read): only the service's environment counts. */
    static SystemEnvironment none() {
        return name -> Optional.empty();
    }
}
