package io.leadjourney.insight;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.leadjourney.messaging.MessageCatalogue;
import io.leadjourney.people.Stage;

/**
 * A/B tests of journey emails (messages/{@code <template>~<variant>}): for each template people of the period got in more
 * than one version, how many got each version and how many of them reached sales (SQL or further) after it, with a 95 %
 * Wilson confidence interval of that rate.
 */
final class Experiments {

    static final Set<Stage> CONVERTED = Set.of(Stage.SQL, Stage.PROSPECT, Stage.OPPORTUNITY, Stage.CUSTOMER);
    private static final double Z = 1.959964;

    /** One template under test and its versions ("a" is the template itself). */
    public record Experiment(String template, List<Version> versions) {
    }

    /** {@code rate}, {@code low} and {@code high} are percentages; the true rate lies between low and high with 95 % confidence. */
    public record Version(String version, String template, int people, int converted, double rate, double low, double high) {
    }

    /** A message a person got: which version, first sent when. */
    record Sent(String personId, String template, OffsetDateTime at) {
    }

    /** A time the person reached a stage. */
    record Reached(Stage stage, OffsetDateTime at) {
    }

    private Experiments() {
    }

    static List<Experiment> of(List<Sent> sent, Map<String, List<Reached>> stages) {
        Map<String, Map<String, List<Sent>>> byTemplate = new TreeMap<>();
        for (Sent message : sent) {
            String[] experiment = MessageCatalogue.experimentOf(message.template());
            byTemplate.computeIfAbsent(experiment[0], k -> new TreeMap<>()).computeIfAbsent(experiment[1], k -> new ArrayList<>()).add(message);
        }
        List<Experiment> experiments = new ArrayList<>();
        byTemplate.forEach((template, versions) -> {
            if (versions.size() < 2) {
                return;
            }
            List<Version> figures = new ArrayList<>();
            versions.forEach((version, messages) -> {
                int converted = (int) messages.stream().filter(message -> stages.getOrDefault(message.personId(), List.of()).stream()
                    .anyMatch(reached -> CONVERTED.contains(reached.stage()) && !reached.at().isBefore(message.at()))).count();
                double[] interval = wilson(converted, messages.size());
                figures.add(new Version(version, messages.get(0).template(), messages.size(), converted,
                    percent((double) converted / messages.size()), percent(interval[0]), percent(interval[1])));
            });
            experiments.add(new Experiment(template, figures));
        });
        return experiments;
    }

    /** The 95 % Wilson score interval of a rate of {@code successes} in {@code n} (sound for small n and rates near 0 or 1). */
    static double[] wilson(int successes, int n) {
        if (n == 0) {
            return new double[] {0, 0};
        }
        double p = (double) successes / n;
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    private static double percent(double rate) {
        return Math.round(rate * 1000) / 10.0;
    }
}
