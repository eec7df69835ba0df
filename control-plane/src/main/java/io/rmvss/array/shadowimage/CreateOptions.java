package io.rmvss.array.shadowimage;

/**
 * paircreate's options.
 *
 * @param copyPace  {@code -c size}: 1-15 (CCI's default 3)
 * @param noread    {@code -m noread}: the S-VOL cannot be read while paired
 * @param splitAfterCreate {@code -split}: split as soon as the pair exists (point in time = create time)
 */
public record CreateOptions(int copyPace, boolean noread, boolean splitAfterCreate) {
    public static final int DEFAULT_PACE = 3;

    public static CreateOptions defaults() {
        return new CreateOptions(DEFAULT_PACE, false, false);
    }
}
