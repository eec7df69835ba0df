package io.rmvss.control.snapshot;

/** The HRESULTs a VSS hardware provider may return (vsserror.h, winerror.h). */
public enum HResult {
    S_OK(0x00000000),
    S_FALSE(0x00000001),
    E_OUTOFMEMORY(0x8007000E),
    E_INVALIDARG(0x80070057),
    E_ACCESSDENIED(0x80070005),
    VSS_E_BAD_STATE(0x80042301),
    VSS_E_PROVIDER_VETO(0x80042306),
    VSS_E_OBJECT_NOT_FOUND(0x80042308),
    VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER(0x8004230E),
    VSS_E_UNEXPECTED_PROVIDER_ERROR(0x8004230F),
    VSS_E_MAXIMUM_NUMBER_OF_VOLUMES_REACHED(0x80042312),
    VSS_E_UNSUPPORTED_CONTEXT(0x8004231B),
    VSS_E_INSUFFICIENT_STORAGE(0x8004231F);

    private final int code;

    HResult(int code) {
        this.code = code;
    }

    public int code() { return code; }

    public String hex() { return String.format("0x%08X", code); }
}
