import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What dominated a Java Flight Recorder recording, as text: the hottest methods by their own
 * samples (jdk.ExecutionSample), the pressdav methods the samples were in or below (the first
 * pressdav frame from the top, so a JDK or library method counts for the pressdav code that called
 * it), pressdav methods inclusive, the share of the request's fixed parts (authentication, logging,
 * metrics, Milton, Jetty), and where pressdav code allocated memory (jdk.ObjectAllocationSample, by weight).
 * Run with the JDK alone: {@code java bench/JfrTop.java recording.jfr [rows]}.
 */
public final class JfrTop {
    private static final String PRESSDAV = "org.pressdav.";
    private static final String NONE = "(no pressdav frame) ";

    /** A part of every request, by the classes its code lives in; a sample counts for each part on its stack. */
    private static final Map<String, Predicate<String>> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("authentication (Authenticator, LoginThrottle, VerifiedLogins)", c -> c.startsWith("org.pressdav.server.Authenticator")
                || c.startsWith("org.pressdav.server.LoginThrottle") || c.startsWith("org.pressdav.wordpress.VerifiedLogins"));
        PARTS.put("logging (slf4j, logback, RequestLine)", c -> c.startsWith("org.slf4j.") || c.startsWith("ch.qos.")
                || c.startsWith("org.pressdav.ops.RequestLine"));
        PARTS.put("metrics (ops.Metrics, RequestStats, prometheus)", c -> c.startsWith("org.pressdav.ops.Metrics")
                || c.startsWith("org.pressdav.ops.RequestStats") || c.startsWith("io.prometheus."));
        PARTS.put("Milton (io.milton)", c -> c.startsWith("io.milton."));
        PARTS.put("Jetty (org.eclipse.jetty)", c -> c.startsWith("org.eclipse.jetty."));
        PARTS.put("XML (javax.xml, JDK's StAX/SAX, woodstox)", c -> c.startsWith("javax.xml.") || c.startsWith("com.sun.org.apache.")
                || c.startsWith("com.ctc.wstx.") || c.startsWith("org.codehaus.stax2."));
        PARTS.put("WordPress client and cache (pressdav.wordpress, pressdav.cache, okhttp)", c -> c.startsWith("org.pressdav.wordpress.")
                || c.startsWith("org.pressdav.cache.") || c.startsWith("okhttp3.") || c.startsWith("okio."));
        PARTS.put("Jackson (JSON)", c -> c.startsWith("com.fasterxml.jackson."));
        PARTS.put("pressdav dav.node", c -> c.startsWith("org.pressdav.dav.node."));
        PARTS.put("pressdav dav.entity", c -> c.startsWith("org.pressdav.dav.entity."));
        PARTS.put("pressdav dav.protocol", c -> c.startsWith("org.pressdav.dav.protocol."));
        PARTS.put("pressdav dav.store", c -> c.startsWith("org.pressdav.dav.store."));
        PARTS.put("pressdav dav.lock", c -> c.startsWith("org.pressdav.dav.lock."));
        PARTS.put("java.util.regex", c -> c.startsWith("java.util.regex."));
        PARTS.put("java.text.Normalizer / sun.text (NFC)", c -> c.startsWith("java.text.Normalizer") || c.startsWith("jdk.internal.icu."));
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java JfrTop.java recording.jfr [rows]");
            System.exit(2);
        }
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> firstPressdav = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> parts = new HashMap<>();
        Map<String, Long> owners = new HashMap<>();
        Map<String, Long> allocatedBy = new HashMap<>();
        Map<String, Long> allocatedClass = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        long gcPauseNanos = 0;
        int gcs = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.GarbageCollection")) {
                gcs++;
                gcPauseNanos += event.getDuration("sumOfPauses").toNanos();
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = stack.getFrames();
            if (type.equals("jdk.ObjectAllocationSample")) {
                String by = firstPressdav(frames);
                if (by.startsWith(NONE)) {
                    // Outside requests (Jetty accepting a connection, JFR itself): on a thread idle till then the
                    // sample carries all that was allocated since the last one, anywhere; it would drown the rest.
                    continue;
                }
                long weight = event.getLong("weight");
                allocated += weight;
                allocatedBy.merge(by, weight, Long::sum);
                allocatedClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                continue;
            }
            if (!type.equals("jdk.ExecutionSample")) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1L, Long::sum);
            firstPressdav.merge(firstPressdav(frames), 1L, Long::sum);
            owners.merge(owner(frames), 1L, Long::sum);
            Set<String> methods = new HashSet<>();
            Set<String> seenParts = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String method = name(frame);
                if (method.startsWith(PRESSDAV)) {
                    methods.add(method);
                }
                String cls = frame.getMethod().getType().getName();
                PARTS.forEach((part, test) -> {
                    if (test.test(cls)) {
                        seenParts.add(part);
                    }
                });
            }
            methods.forEach(m -> inclusive.merge(m, 1L, Long::sum));
            seenParts.forEach(p -> parts.merge(p, 1L, Long::sum));
        }
        System.out.printf("%s: %d execution samples, %d GCs pausing %.1f ms in all, %.1f MB allocated under pressdav code (sampled weight)%n",
                Path.of(args[0]).getFileName(), samples, gcs, gcPauseNanos / 1e6, allocated / 1e6);
        print("hottest methods, own samples", self, samples, rows);
        print("first pressdav frame from the top (a library's time counts for the pressdav code that called it)", firstPressdav, samples, rows);
        print("pressdav methods, inclusive", inclusive, samples, rows);
        print("own time by the first frame from the top that is not the JDK's (its package; the JDK's time counts for its caller)",
                owners, samples, rows);
        System.out.println();
        System.out.println("## parts of the request, inclusive (a sample counts for each part on its stack)");
        for (String part : PARTS.keySet()) {
            System.out.printf("%6.1f %%  %s%n", percent(parts.getOrDefault(part, 0L), samples), part);
        }
        print("allocation under pressdav code, by first pressdav frame (weight)", allocatedBy, allocated, rows);
        print("allocation under pressdav code, by class (weight)", allocatedClass, allocated, rows);
    }

    private static String firstPressdav(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String method = name(frame);
            if (method.startsWith(PRESSDAV)) {
                return method;
            }
        }
        return NONE + name(frames.get(frames.size() - 1));
    }

    /** The package of the first frame that is not the JDK's: whose code the sample's time is spent for. */
    private static String owner(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String cls = frame.getMethod().getType().getName();
            if (!(cls.startsWith("java.") || cls.startsWith("javax.") || cls.startsWith("jdk.") || cls.startsWith("sun.")
                    || cls.startsWith("com.sun."))) {
                int dot = cls.lastIndexOf('.');
                return dot < 0 ? cls : cls.substring(0, dot);
            }
        }
        return "(the JDK alone)";
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    private static void print(String title, Map<String, Long> counts, long whole, int rows) {
        System.out.println();
        System.out.println("## " + title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(rows)
                .forEach(e -> System.out.printf("%6.1f %%  %s%n", percent(e.getValue(), whole), e.getKey()));
    }
}
