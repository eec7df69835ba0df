package io.rmvss.array.layout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the simulated array is made of: storage systems with their LDEVs and LUN mappings, and the
 * attached host's view (its disks and drive letters). Read from a JSON layout file; see
 * {@code seed-example.json} next to this class for the format (LDEVs and LUNs also take a range
 * form {@code {"from":256,"count":300,...}} / {@code {"fromLun":0,"fromLdev":256,"count":300,...}}).
 * Instances are always valid: construction validates.
 */
public record ArrayLayout(List<SystemLayout> systems, List<HostDiskLayout> hostDisks, List<DriveLetter> driveLetters) {
    public static final String SEED_EXAMPLE_RESOURCE = "seed-example.json";

    public ArrayLayout {
        systems = List.copyOf(systems);
        hostDisks = List.copyOf(hostDisks);
        driveLetters = List.copyOf(driveLetters);
        LayoutValidator.validate(systems, hostDisks, driveLetters);
    }

    /** Reads and validates a layout file; errors name the file, the entry and the fix. */
    public static ArrayLayout read(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LayoutException("cannot read layout file " + file + ": " + e.getMessage()
                    + "; check the path and its permissions", e);
        }
        try {
            return parse(json);
        } catch (LayoutException e) {
            throw new LayoutException(file + ": " + e.getMessage(), e);
        }
    }

    public static ArrayLayout parse(String json) {
        return LayoutParser.parse(json);
    }

    /** The seed manual's 3.7.2 topology: serial 62496, CL2-C TID 25, LUN0 command device LDEV 16, LUN1/2 = LDEV 18/19. */
    public static ArrayLayout seedExample() {
        return parse(seedExampleJson());
    }

    public static String seedExampleJson() {
        try (InputStream in = ArrayLayout.class.getResourceAsStream(SEED_EXAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + SEED_EXAMPLE_RESOURCE + " missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The layout as JSON, ranges expanded (what {@link #parse} reads back to an equal layout). */
    public String toJson() {
        return LayoutWriter.toJson(this);
    }

    public SystemLayout system(int serial) {
        return systems.stream().filter(s -> s.serial() == serial).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no storage system with serial " + serial));
    }
}
