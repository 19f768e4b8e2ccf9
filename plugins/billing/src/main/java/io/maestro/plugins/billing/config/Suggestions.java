package io.maestro.plugins.billing.config;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean …?" for a misspelt key, option or value. */
public final class Suggestions {
    private Suggestions() { }

    /** The closest candidate, if it is a plausible typo of {@code wrong} (not a rewrite of the whole name). */
    public static Optional<String> didYouMean(String wrong, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(wrong.toLowerCase(), c.toLowerCase());
            boolean close = d < wrong.length() && d <= Math.max(1, Math.min(3, wrong.length() / 2));
            if (close && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
