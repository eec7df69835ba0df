package io.rmvss.control.config;

import io.rmvss.control.events.EventCode;
import io.rmvss.control.events.EventException;
import io.rmvss.control.events.ProviderEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's system environment variables (1.3, table 3.3), read from the service's environment
 * as it was when the service started (an injected map, so tests can vary it):
 * <ul>
 * <li>VSHTCHORCMINST_LOCAL: the CCI instance of the P-VOL side (required, except on an S-VOL side host);</li>
 * <li>VSHTCHORCMINST_REMOTE: the instance of the S-VOL side (optional). In the export/import host configuration the seed
 *     (3.7.2's note) sets LOCAL on the P-VOL side (export) host and REMOTE on the S-VOL side (import) host: a host with REMOTE
 *     alone has that one instance, which then also serves as the local one (it imports and deletes shadow copies, it
 *     creates none: its instance defines no P-VOL);</li>
 * <li>VSHTCHOMRCF_MUN: the MU# of the copy group used for VSS, 0-2 for ShadowImage (required).</li>
 * </ul>
 * A missing or invalid value is [EV_EGETEV] with the seed's KAVX5003-E (LOCAL) or KAVX5002-E (MUN). Where the machine's
 * persistent environment ({@link SystemEnvironment}, the registry on Windows) has a value the service's environment lacks or has
 * otherwise, the detail says the setting is there but not effective until the server is restarted (KAVX5002-E/KAVX5003-E's
 * cause "the system was not restarted after ... was set").
 */
public record ProviderConfig(int localInstance, Optional<Integer> remoteInstance, int mu) {
    public static final String LOCAL = "VSHTCHORCMINST_LOCAL";
    public static final String REMOTE = "VSHTCHORCMINST_REMOTE";
    public static final String MUN = "VSHTCHOMRCF_MUN";
    public static final String KAVX5002 = "KAVX5002-E The system environment variable VSHTCHOMRCF_MUN is not set, or an illegal value is set."
            + " Make sure that VSS has been set up correctly.";
    public static final String KAVX5003 = "KAVX5003-E CCI Shadow Copy Provider could not be used. Make sure that VSS has been set up correctly.";
    private static final int MAX_INSTANCE = 2047;
    private static final int MAX_SHADOW_IMAGE_MU = 2;

    public static ProviderConfig fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, SystemEnvironment.none());
    }

    /** @param system the machine's persistent environment, to tell a setting not yet effective from one never made */
    public static ProviderConfig fromEnvironment(Map<String, String> env, SystemEnvironment system) {
        Optional<Integer> remote = instance(env, system, REMOTE, false);
        int local = instance(env, system, LOCAL, remote.isEmpty()).or(() -> remote).orElseThrow();
        String mu = env.get(MUN);
        if (mu == null || mu.isBlank()) {
            throw egetev(missing(system, MUN), KAVX5002);
        }
        int value;
        try {
            value = Integer.parseInt(mu.strip());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 0 || value > MAX_SHADOW_IMAGE_MU) {
            throw egetev(MUN + "='" + mu + "' is not a ShadowImage MU# (0, 1 or 2); it must name the MU# of the P-VOL"
                    + " in the instance's HORCM_DEV/HORCM_LDEV" + pending(env, system, MUN), KAVX5002);
        }
        return new ProviderConfig(local, remote, value);
    }

    /** The instance for S-VOL side commands: REMOTE when set (export/import host), else LOCAL. */
    public int svolInstance() {
        return remoteInstance.orElse(localInstance);
    }

    /**
     * The VSHTCH* variables set or changed in the machine's persistent environment since the service started (stored value present
     * and different from the one in effect): they take effect at the next restart. Empty when what is in effect is what is stored.
     */
    public static List<String> notYetEffective(Map<String, String> env, SystemEnvironment system) {
        List<String> pending = new ArrayList<>();
        for (String name : List.of(LOCAL, REMOTE, MUN)) {
            String running = env.get(name) == null || env.get(name).isBlank() ? null : env.get(name).strip();
            Optional<String> stored = system.value(name).filter(v -> !v.isBlank()).map(String::strip);
            if (stored.isPresent() && !stored.get().equals(running)) {
                pending.add(name + " is '" + stored.get() + "' in " + SystemEnvironment.LOCATION + " but "
                        + (running == null ? "not set" : "'" + running + "'") + " in the service's environment: not effective until"
                        + " the server is restarted (seed 1.3)");
            }
        }
        return pending;
    }

    private static Optional<Integer> instance(Map<String, String> env, SystemEnvironment system, String name, boolean required) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            if (required) {
                throw egetev(missing(system, name), KAVX5003);
            }
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 0 && n <= MAX_INSTANCE) {
                return Optional.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw egetev(name + "='" + text + "' is not a CCI instance number (0-" + MAX_INSTANCE + ")" + pending(env, system, name), KAVX5003);
    }

    /** Why a required variable is missing: never set, or set in the persistent environment but not effective until a restart. */
    private static String missing(SystemEnvironment system, String name) {
        Optional<String> stored = system.value(name).filter(v -> !v.isBlank());
        if (stored.isPresent()) {
            return name + " is set ('" + stored.get().strip() + "' in " + SystemEnvironment.LOCATION + ") but not in the service's"
                    + " environment: the setting is not effective until the server is restarted (seed 1.3); restart the server";
        }
        return name + " is not set in the service's environment (set it as a system environment variable,"
                + " then restart the server: seed 1.3)";
    }

    /** For an invalid value: the persistent environment already holds another one, effective after a restart. */
    private static String pending(Map<String, String> env, SystemEnvironment system, String name) {
        Optional<String> stored = system.value(name).filter(v -> !v.isBlank()).map(String::strip);
        if (stored.isPresent() && !stored.get().equals(env.get(name).strip())) {
            return "; " + SystemEnvironment.LOCATION + " holds '" + stored.get() + "', which is not effective until the server is"
                    + " restarted (seed 1.3)";
        }
        return "";
    }

    private static EventException egetev(String detail, String kavx) {
        return new EventException(ProviderEvent.of(EventCode.EV_EGETEV, detail).withKavx(kavx));
    }
}
