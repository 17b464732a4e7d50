package org.pressdav.ops;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Prometheus text as samples, so that a test asks for a series by its name and labels, whatever their order. */
public record Scrape(String text, List<Sample> samples) {
    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** One line: a series and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    public static Scrape of(String text) {
        List<Sample> samples = text.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).map(line -> {
            Matcher sample = LINE.matcher(line);
            if (!sample.matches()) {
                throw new AssertionError("not a Prometheus sample: " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            return new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3)));
        }).toList();
        return new Scrape(text, samples);
    }

    /** The series named {@code name} whose labels include {@code labels}. */
    public List<Sample> series(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    /** The value of the one series named {@code name} with {@code labels} (and the instance tag, whatever it is), if there is one. */
    public Optional<Double> value(String name, Map<String, String> labels) {
        List<Sample> found = series(name, labels);
        if (found.size() > 1) {
            throw new AssertionError(found.size() + " series " + name + labels + " in\n" + text);
        }
        return found.stream().findFirst().map(Sample::value);
    }

    /** Every metric name in the scrape. */
    public Set<String> names() {
        return samples.stream().map(Sample::name).collect(Collectors.toSet());
    }
}
