package io.rmvss.control.windows;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinReg;
import io.rmvss.control.config.SystemEnvironment;
import java.util.Optional;

/**
 * The machine's system environment as Windows stores it, read from the registry with JNA's Advapi32Util (Windows only; it cannot
 * run, and is not tested, on Linux). REG_SZ and REG_EXPAND_SZ values are returned as stored (unexpanded); any other type, a
 * missing value or a registry that cannot be read counts as "not set", so the service's own environment decides alone.
 */
public final class RegistrySystemEnvironment implements SystemEnvironment {
    private static final String KEY = "SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment";

    @Override
    public Optional<String> value(String name) {
        try {
            if (!Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, KEY, name)) {
                return Optional.empty();
            }
            return Advapi32Util.registryGetValue(WinReg.HKEY_LOCAL_MACHINE, KEY, name) instanceof String s ? Optional.of(s) : Optional.empty();
        } catch (Win32Exception e) {
            return Optional.empty();
        }
    }
}
