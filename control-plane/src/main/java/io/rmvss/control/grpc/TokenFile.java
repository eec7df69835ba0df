package io.rmvss.control.grpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The install's secret token: 32 random bytes as 64 hex digits in a file that only its owner (the service account) may read.
 * Created (rw-------) on first start; a file that others may read or write is refused, with the command that fixes it.
 * On a file system without POSIX permissions (Windows) the file's ACL is the installer's job and is not checked here.
 */
public final class TokenFile {
    private static final int BYTES = 32;

    private TokenFile() {
    }

    /** Reads the token, creating the file first when it is absent. */
    public static String loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] random = new byte[BYTES];
            new SecureRandom().nextBytes(random);
            String token = HexFormat.of().formatHex(random);
            try {
                if (posix(file.toAbsolutePath().getParent())) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
                Files.writeString(file, token + "\n", StandardCharsets.US_ASCII);
            } catch (FileAlreadyExistsException raced) {
                // another process created it: read theirs below
            }
        }
        return load(file);
    }

    /** Reads an existing token (the CLI's side); refuses a file that others may read. */
    public static String load(Path file) throws IOException {
        if (posix(file)) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            for (PosixFilePermission p : perms) {
                if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                    throw new IOException("the token file " + file + " is accessible to others (" + PosixFilePermissions.toString(perms)
                            + "); it must be readable by its owner only: chmod 600 " + file);
                }
            }
        }
        String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!token.matches("[0-9a-f]{64}")) {
            throw new IOException("the token file " + file + " does not hold a token (64 hex digits); delete it and start 'rmvss serve'"
                    + " again to create a new one");
        }
        return token;
    }

    private static boolean posix(Path p) {
        return Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
    }
}
