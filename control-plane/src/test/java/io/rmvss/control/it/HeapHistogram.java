package io.rmvss.control.it;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * This JVM's live heap as {@code jcmd PID GC.class_histogram} prints it, through the DiagnosticCommand MBean: taking it runs a
 * full GC first, so the figures are live objects only (unlike MemoryMXBean after System.gc(), which is a hint).
 */
record HeapHistogram(String text) {
    static HeapHistogram take() {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return new HeapHistogram((String) out);
        } catch (Exception e) {
            throw new IllegalStateException("GC.class_histogram is unavailable in this JVM (needs HotSpot's DiagnosticCommand MBean): " + e, e);
        }
    }

    /** Bytes of live objects: the histogram's Total line. */
    long liveBytes() {
        return text.lines().filter(l -> l.startsWith("Total")).map(l -> Long.parseLong(l.trim().split("\\s+")[2])).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Total line in the class histogram"));
    }

    /** Live instances of exactly this class (0 when none). */
    long instances(Class<?> type) {
        return instances(type.getName());
    }

    long instances(String className) {
        return text.lines().map(String::trim).map(l -> l.split("\\s+")).filter(t -> t.length >= 4 && t[3].equals(className))
                .mapToLong(t -> Long.parseLong(t[1])).sum();
    }
}
