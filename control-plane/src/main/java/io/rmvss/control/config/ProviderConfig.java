package io.rmvss.control.config;

import io.rmvss.control.events.EventCode;
import io.rmvss.control.events.EventException;
import io.rmvss.control.events.ProviderEvent;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's system environment variables (1.3, table 3.3), read from the service's environment
 * as it was when the service started (an injected map, so tests can vary it):
 * <ul>
 * <li>VSHTCHORCMINST_LOCAL: the CCI instance of the P-VOL side (required);</li>
 * <li>VSHTCHORCMINST_REMOTE: the instance of the S-VOL side (export/import host; optional);</li>
 * <li>VSHTCHOMRCF_MUN: the MU# of the copy group used for VSS, 0-2 for ShadowImage (required).</li>
 * </ul>
 * A missing or invalid value is [EV_EGETEV] with the seed's KAVX5003-E (LOCAL) or KAVX5002-E (MUN).
 * Not done yet: on Windows, telling a value present in HKLM\...\Session Manager\Environment but
 * absent from the service's environment ("set, but not effective until the server is restarted").
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
        int local = instance(env, LOCAL, true).orElseThrow();
        Optional<Integer> remote = instance(env, REMOTE, false);
        String mu = env.get(MUN);
        if (mu == null || mu.isBlank()) {
            throw egetev(MUN + " is not set in the service's environment (set it as a system environment variable,"
                    + " then restart the server: seed 1.3)", KAVX5002);
        }
        int value;
        try {
            value = Integer.parseInt(mu.strip());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 0 || value > MAX_SHADOW_IMAGE_MU) {
            throw egetev(MUN + "='" + mu + "' is not a ShadowImage MU# (0, 1 or 2); it must name the MU# of the P-VOL"
                    + " in the instance's HORCM_DEV/HORCM_LDEV", KAVX5002);
        }
        return new ProviderConfig(local, remote, value);
    }

    /** The instance for S-VOL side commands: REMOTE when set (export/import host), else LOCAL. */
    public int svolInstance() {
        return remoteInstance.orElse(localInstance);
    }

    private static Optional<Integer> instance(Map<String, String> env, String name, boolean required) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            if (required) {
                throw egetev(name + " is not set in the service's environment (set it as a system environment variable,"
                        + " then restart the server: seed 1.3)", KAVX5003);
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
        throw egetev(name + "='" + text + "' is not a CCI instance number (0-" + MAX_INSTANCE + ")", KAVX5003);
    }

    private static EventException egetev(String detail, String kavx) {
        return new EventException(ProviderEvent.of(EventCode.EV_EGETEV, detail).withKavx(kavx));
    }
}
