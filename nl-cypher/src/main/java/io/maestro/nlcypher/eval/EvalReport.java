package io.maestro.nlcypher.eval;

import io.maestro.nlcypher.Translation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The outcome of an evaluation: per question whether the translator was right and why not, and
 * the figures: execution accuracy over in-scope questions (overall, per category, and on the
 * "dev" half — odd ids, the only half looked at while tuning the lexicon — and the held-out half),
 * refusals of out-of-scope questions, and translation latency.
 */
public record EvalReport(String backend, List<Outcome> outcomes) {
    public EvalReport {
        outcomes = List.copyOf(outcomes);
    }

    public record Outcome(EvalQuestion question, Translation translation, boolean correct, String reason, long nanos) {
        public boolean dev() {
            return Integer.parseInt(question.id().substring(1)) % 2 == 1;
        }
    }

    public double accuracy() {
        return share(o -> o.question().gold() != null);
    }

    public double devAccuracy() {
        return share(o -> o.question().gold() != null && o.dev());
    }

    public double heldOutAccuracy() {
        return share(o -> o.question().gold() != null && !o.dev());
    }

    /** Share of out-of-scope questions the translator did not answer confidently. */
    public double refusals() {
        return share(o -> o.question().gold() == null);
    }

    /** In-scope questions answered confidently and right, over those answered confidently. */
    public double confidentPrecision() {
        return share(o -> o.question().gold() != null && o.translation() != null && o.translation().status() == Translation.Status.CONFIDENT);
    }

    public Map<String, double[]> byCategory() {
        var out = new TreeMap<String, double[]>();
        for (var o : outcomes) {
            var cell = out.computeIfAbsent(o.question().category().label(), k -> new double[2]);
            cell[1]++;
            if (o.correct()) cell[0]++;
        }
        return out;
    }

    /** Translation latency percentile in milliseconds. */
    public double latencyMillis(double percentile) {
        long[] sorted = outcomes.stream().mapToLong(Outcome::nanos).sorted().toArray();
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private double share(Predicate<Outcome> which) {
        int n = 0;
        int right = 0;
        for (var o : outcomes) {
            if (!which.test(o)) continue;
            n++;
            if (o.correct()) right++;
        }
        return n == 0 ? 0 : (double) right / n;
    }

    /** A plain-text report: the figures, then every wrong answer with its reason. */
    public String render(boolean listFailures) {
        var lines = new ArrayList<String>();
        long inScope = outcomes.stream().filter(o -> o.question().gold() != null).count();
        lines.add(String.format(Locale.ROOT, "backend %s: %d questions (%d with gold Cypher, %d out of scope)", backend, outcomes.size(),
                inScope, outcomes.size() - inScope));
        lines.add(String.format(Locale.ROOT, "execution accuracy %.1f%% (dev half %.1f%%, held-out half %.1f%%)", 100 * accuracy(),
                100 * devAccuracy(), 100 * heldOutAccuracy()));
        lines.add(String.format(Locale.ROOT, "confident answers right %.1f%%; out-of-scope questions refused %.1f%%", 100 * confidentPrecision(),
                100 * refusals()));
        lines.add(String.format(Locale.ROOT, "translation latency p50 %.1f ms, p99 %.1f ms", latencyMillis(50), latencyMillis(99)));
        byCategory().forEach((k, v) -> lines.add(String.format(Locale.ROOT, "  %-13s %3.0f/%-3.0f %5.1f%%", k, v[0], v[1], 100 * v[0] / v[1])));
        if (listFailures) {
            for (var o : outcomes) {
                if (o.correct()) continue;
                lines.add(o.question().id() + " [" + o.question().category().label() + "] " + o.question().question());
                lines.add("    " + o.reason());
                if (o.translation() != null && o.translation().best() != null) {
                    lines.add("    got (" + o.translation().status() + " " + o.translation().confidence() + "): " + o.translation().best().cypher()
                            + " " + o.translation().best().parameters());
                }
                if (o.question().gold() != null) lines.add("    gold: " + o.question().gold().replace('\n', ' '));
            }
        }
        return String.join("\n", lines);
    }
}
