package io.rmvss.array.layout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rmvss.array.storage.Ldev;

/** Writes a layout back as JSON in the single-entry form (ranges expanded) that {@link LayoutParser} reads. */
final class LayoutWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LayoutWriter() {
    }

    static String toJson(ArrayLayout layout) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode systems = root.putArray("systems");
        for (SystemLayout system : layout.systems()) {
            ObjectNode s = systems.addObject();
            s.put("serial", system.serial());
            s.put("model", system.info().model());
            s.put("microcode", system.info().microcode());
            s.put("revision", system.info().revision());
            s.put("cacheMb", system.info().cacheMb());
            ArrayNode ldevs = s.putArray("ldevs");
            for (Ldev ldev : system.ldevs()) {
                ObjectNode l = ldevs.addObject();
                l.put("ldev", ldev.id().ldev());
                l.put("size", Long.toString(ldev.sizeBytes()));
                l.put("productId", ldev.productId());
                l.put("commandDevice", ldev.commandDevice());
                l.put("ssid", ldev.ssid());
                l.put("raidGroup", ldev.raidGroup());
            }
            ArrayNode luns = s.putArray("luns");
            for (LunMapping lun : system.luns()) {
                luns.addObject().put("port", lun.port()).put("targetId", lun.targetId()).put("lun", lun.lun()).put("ldev", lun.ldev());
            }
        }
        ObjectNode host = root.putObject("host");
        ArrayNode disks = host.putArray("disks");
        for (HostDiskLayout disk : layout.hostDisks()) {
            ObjectNode d = disks.addObject().put("disk", disk.number());
            if (disk.local()) {
                d.put("vendor", disk.vendor()).put("productId", disk.productId());
            } else {
                d.put("serial", disk.arrayLun().serial()).put("port", disk.arrayLun().port())
                        .put("targetId", disk.arrayLun().targetId()).put("lun", disk.arrayLun().lun());
            }
        }
        ArrayNode letters = host.putArray("driveLetters");
        for (DriveLetter letter : layout.driveLetters()) {
            letters.addObject().put("letter", String.valueOf(letter.letter())).put("volume", letter.volume()).put("disk", letter.disk());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("layout cannot be written as JSON", e);
        }
    }
}
