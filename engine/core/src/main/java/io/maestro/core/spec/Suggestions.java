package io.maestro.core.spec;

import java.util.Collection;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean …?" for misspelt names. */
public final class Suggestions {
    private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(3);

    private Suggestions() { }

    public static Optional<String> didYouMean(String wrong, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = DISTANCE.apply(wrong.toLowerCase(), c.toLowerCase());
            // a suggestion must be closer than rewriting the whole name ('c' is not a typo of 'a')
            boolean close = d >= 0 && d < wrong.length() && d <= Math.max(1, wrong.length() / 2);
            if (close && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }
}
