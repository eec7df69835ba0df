package io.rmvss.array.layout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rmvss.array.LdevId;
import io.rmvss.array.StorageArray.StorageSystemInfo;
import io.rmvss.array.storage.Ldev;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns layout JSON into layout records, expanding ranges; errors name the JSON path of the entry. */
final class LayoutParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> LDEV_FIELDS = Set.of("ldev", "from", "count", "size", "productId",
            "commandDevice", "ssid", "raidGroup");
    private static final Set<String> LUN_FIELDS = Set.of("port", "targetId", "lun", "ldev", "fromLun", "fromLdev", "count");
    private static final Set<String> DISK_FIELDS = Set.of("disk", "fromDisk", "count", "serial", "port", "targetId",
            "lun", "fromLun", "vendor", "productId");

    private LayoutParser() {
    }

    static ArrayLayout parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new LayoutException("not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + "); fix the syntax", e);
        }
        if (root == null || !root.isObject()) {
            throw new LayoutException("the layout must be a JSON object with \"systems\" and \"host\"");
        }
        List<SystemLayout> systems = new ArrayList<>();
        JsonNode systemsNode = array(root, "systems", "$");
        if (systemsNode.isEmpty()) {
            throw new LayoutException("$.systems is empty; describe at least one storage system");
        }
        for (int i = 0; i < systemsNode.size(); i++) {
            systems.add(system(systemsNode.get(i), "systems[" + i + "]"));
        }
        List<HostDiskLayout> disks = new ArrayList<>();
        List<DriveLetter> letters = new ArrayList<>();
        JsonNode host = root.get("host");
        if (host != null) {
            JsonNode disksNode = host.path("disks");
            for (int i = 0; i < disksNode.size(); i++) {
                disks.addAll(hostDisks(disksNode.get(i), "host.disks[" + i + "]"));
            }
            JsonNode lettersNode = host.path("driveLetters");
            for (int i = 0; i < lettersNode.size(); i++) {
                letters.add(driveLetter(lettersNode.get(i), "host.driveLetters[" + i + "]"));
            }
        }
        return new ArrayLayout(systems, disks, letters);
    }

    private static SystemLayout system(JsonNode node, String where) {
        int serial = requiredInt(node, "serial", where);
        StorageSystemInfo info = new StorageSystemInfo(serial,
                text(node, "model", "RAID450"),
                text(node, "microcode", "21-06-22/00"),
                text(node, "revision", "2106"),
                node.path("cacheMb").asInt(16384));
        List<Ldev> ldevs = new ArrayList<>();
        JsonNode ldevsNode = array(node, "ldevs", where);
        for (int i = 0; i < ldevsNode.size(); i++) {
            ldevs.addAll(ldevs(serial, ldevsNode.get(i), where + ".ldevs[" + i + "]"));
        }
        List<LunMapping> luns = new ArrayList<>();
        JsonNode lunsNode = node.path("luns");
        for (int i = 0; i < lunsNode.size(); i++) {
            luns.addAll(luns(lunsNode.get(i), where + ".luns[" + i + "]"));
        }
        return new SystemLayout(info, ldevs, luns);
    }

    private static List<Ldev> ldevs(int serial, JsonNode node, String where) {
        checkFields(node, LDEV_FIELDS, where);
        boolean range = node.has("from");
        if (range == node.has("ldev")) {
            throw new LayoutException(where + ": give either \"ldev\" (one LDEV) or \"from\" and \"count\" (a range)");
        }
        int first = ldevNumber(node.get(range ? "from" : "ldev"), where + (range ? ".from" : ".ldev"));
        int count = range ? requiredInt(node, "count", where) : 1;
        if (count < 1) {
            throw new LayoutException(where + ".count is " + count + "; it must be at least 1");
        }
        long size = Sizes.parse(requiredText(node, "size", where), where + ".size");
        boolean commandDevice = node.path("commandDevice").asBoolean(false);
        String productId = text(node, "productId", commandDevice ? "OPEN-V-CM" : "OPEN-V");
        if (productId.isBlank() || productId.length() > 16) {
            throw new LayoutException(where + ".productId '" + productId + "' must be 1-16 characters (SCSI product identification)");
        }
        String ssid = text(node, "ssid", "-");
        String raidGroup = text(node, "raidGroup", "-");
        List<Ldev> result = new ArrayList<>(count);
        for (int n = first; n < first + count; n++) {
            result.add(new Ldev(new LdevId(serial, n), size, productId, commandDevice, ssid, raidGroup));
        }
        return result;
    }

    private static List<LunMapping> luns(JsonNode node, String where) {
        checkFields(node, LUN_FIELDS, where);
        String port = requiredText(node, "port", where);
        int targetId = requiredInt(node, "targetId", where);
        if (node.has("count")) {
            int firstLun = requiredInt(node, "fromLun", where);
            int firstLdev = ldevNumber(required(node, "fromLdev", where), where + ".fromLdev");
            int count = requiredInt(node, "count", where);
            if (count < 1) {
                throw new LayoutException(where + ".count is " + count + "; it must be at least 1");
            }
            List<LunMapping> result = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                result.add(new LunMapping(port, targetId, firstLun + i, firstLdev + i));
            }
            return result;
        }
        return List.of(new LunMapping(port, targetId, requiredInt(node, "lun", where),
                ldevNumber(required(node, "ldev", where), where + ".ldev")));
    }

    private static List<HostDiskLayout> hostDisks(JsonNode node, String where) {
        checkFields(node, DISK_FIELDS, where);
        if (node.has("fromDisk")) {
            int firstDisk = requiredInt(node, "fromDisk", where);
            int count = requiredInt(node, "count", where);
            int firstLun = requiredInt(node, "fromLun", where);
            int serial = requiredInt(node, "serial", where);
            String port = requiredText(node, "port", where);
            int targetId = requiredInt(node, "targetId", where);
            List<HostDiskLayout> result = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                result.add(new HostDiskLayout(firstDisk + i,
                        new HostDiskLayout.ArrayLunAddress(serial, port, targetId, firstLun + i), "HITACHI", null));
            }
            return result;
        }
        int number = requiredInt(node, "disk", where);
        if (node.has("serial")) {
            return List.of(new HostDiskLayout(number, new HostDiskLayout.ArrayLunAddress(
                    requiredInt(node, "serial", where), requiredText(node, "port", where),
                    requiredInt(node, "targetId", where), requiredInt(node, "lun", where)), "HITACHI", null));
        }
        if (!node.has("productId")) {
            throw new LayoutException(where + ": a host disk is either an array LUN (\"serial\", \"port\", \"targetId\", \"lun\")"
                    + " or a local disk (\"vendor\", \"productId\"); give one of the two");
        }
        return List.of(new HostDiskLayout(number, null, text(node, "vendor", "ATA"), requiredText(node, "productId", where)));
    }

    private static DriveLetter driveLetter(JsonNode node, String where) {
        String letter = requiredText(node, "letter", where).replace(":", "").toUpperCase();
        if (letter.length() != 1 || letter.charAt(0) < 'A' || letter.charAt(0) > 'Z') {
            throw new LayoutException(where + ".letter '" + node.get("letter").asText() + "' must be one letter A-Z, e.g. \"E\"");
        }
        return new DriveLetter(letter.charAt(0), requiredInt(node, "volume", where), requiredInt(node, "disk", where));
    }

    /** An LDEV number as CCI writes it: decimal {@code 260}, hex {@code 0x104} or CU:LDEV {@code 01:04}. */
    static int ldevNumber(JsonNode node, String where) {
        if (node.isInt()) {
            return checkLdevRange(node.asInt(), where);
        }
        String text = node.asText().trim();
        try {
            if (text.contains(":")) {
                String[] parts = text.split(":");
                if (parts.length == 2) {
                    return checkLdevRange(Integer.parseInt(parts[0], 16) * 256 + Integer.parseInt(parts[1], 16), where);
                }
            } else if (text.startsWith("0x") || text.startsWith("0X")) {
                return checkLdevRange(Integer.parseInt(text.substring(2), 16), where);
            } else {
                return checkLdevRange(Integer.parseInt(text), where);
            }
        } catch (NumberFormatException e) {
            // fall through to the explanation below
        }
        throw new LayoutException(where + " '" + text + "' is not an LDEV number; write 18, \"0x12\" or \"00:12\"");
    }

    private static int checkLdevRange(int ldev, String where) {
        if (ldev < 0 || ldev > 0xFFFF) {
            throw new LayoutException(where + " " + ldev + " is out of range; LDEV numbers are 0-65535 (00:00-FF:FF)");
        }
        return ldev;
    }

    private static void checkFields(JsonNode node, Set<String> known, String where) {
        if (!node.isObject()) {
            throw new LayoutException(where + " must be a JSON object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw new LayoutException(where + ": unknown field \"" + name + "\"; known fields are " + known);
            }
        });
    }

    private static JsonNode array(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new LayoutException(where + "." + field + " is missing or not a JSON array; add \"" + field + "\": [...]");
        }
        return value;
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new LayoutException(where + "." + field + " is missing; add it");
        }
        return value;
    }

    private static int requiredInt(JsonNode node, String field, String where) {
        JsonNode value = required(node, field, where);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new LayoutException(where + "." + field + " is '" + value.asText() + "'; it must be an integer");
        }
        return value.asInt();
    }

    private static String requiredText(JsonNode node, String field, String where) {
        JsonNode value = required(node, field, where);
        return value.asText();
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }
}
