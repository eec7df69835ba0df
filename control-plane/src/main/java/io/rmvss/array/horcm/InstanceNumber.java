package io.rmvss.array.horcm;

/**
 * A HORCM instance number, 0-2047, or the unnumbered default instance (horcm.conf) that CCI uses
 * when neither HORCMINST nor -I names one.
 */
public record InstanceNumber(int value) implements Comparable<InstanceNumber> {
    public static final int MAX = 2047;
    public static final InstanceNumber DEFAULT = new InstanceNumber(-1);

    public InstanceNumber {
        if (value < -1 || value > MAX) {
            throw new IllegalArgumentException("instance number " + value + " is outside 0-" + MAX);
        }
    }

    /** Parses {@code 50}; null when the text is not an instance number. */
    public static InstanceNumber parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int value = Integer.parseInt(text);
        return value <= MAX ? new InstanceNumber(value) : null;
    }

    public boolean isDefault() { return value < 0; }

    public String confFileName() {
        return isDefault() ? "horcm.conf" : "horcm" + value + ".conf";
    }

    /** How horcmstart names it: {@code inst 50}, or nothing for the default instance. */
    public String label() {
        return isDefault() ? "" : "inst " + value;
    }

    @Override
    public int compareTo(InstanceNumber o) { return Integer.compare(value, o.value); }

    @Override
    public String toString() { return isDefault() ? "(default)" : Integer.toString(value); }
}
