package io.rmvss.array.horcm;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where an instance's configuration file is, in this order:
 * <ol>
 * <li>{@code HORCM_CONF}: the file itself (CCI's own variable; used when one instance is started),</li>
 * <li>{@code HORCM_ETC}: a directory holding {@code horcmNN.conf} (an rmvss addition standing in for
 *     Windows' {@code %windir%} or UNIX's {@code /etc}, which a simulator should not write to),</li>
 * <li>otherwise the caller's working directory, which is where the seed's walkthrough runs its
 *     commands ({@code C:\HORCM\etc}).</li>
 * </ol>
 */
public final class ConfLocator {
    public static final String HORCM_CONF = "HORCM_CONF";
    public static final String HORCM_ETC = "HORCM_ETC";

    private ConfLocator() {
    }

    public static Path locate(InstanceNumber instance, Map<String, String> env, Path cwd, boolean honourHorcmConf) {
        String explicit = env.get(HORCM_CONF);
        if (honourHorcmConf && explicit != null && !explicit.isBlank()) {
            return cwd.resolve(explicit);
        }
        String etc = env.get(HORCM_ETC);
        Path dir = etc != null && !etc.isBlank() ? cwd.resolve(etc) : cwd;
        return dir.resolve(instance.confFileName());
    }

    /** One sentence for error messages: where we looked and how to point elsewhere. */
    public static String howToPoint(InstanceNumber instance) {
        return "put " + instance.confFileName() + " in the current directory, or set HORCM_ETC to its directory"
                + " (or HORCM_CONF to the file itself)";
    }
}
