package io.rmvss.array.layout;

/** A drive letter of the host: {@code E:} is volume 12 on disk 1 ({@code E:\Vol12\Dsk1}). */
public record DriveLetter(char letter, int volume, int disk) {
}
