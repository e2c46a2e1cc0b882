package io.pgha.core;

import java.util.Collection;
import java.util.Locale;

/** "did you mean 'when'?" for a misspelt name: the nearest candidate by edit distance, if close enough. */
public final class Suggest {
    private Suggest() {}

    /** The closest candidate, or null when none is close enough to be a plausible typo. */
    public static String nearest(String input, Collection<String> candidates) {
        if (input == null || input.isEmpty() || candidates == null) return null;
        String in = input.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c == null || c.equals(input)) continue;
            int d = distance(in, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        // A third of the length (at least 2) still reads as a typo; more is a different word.
        int allowed = Math.max(2, in.length() / 3);
        return best != null && bestDistance <= allowed && bestDistance < in.length() ? best : null;
    }

    /** " (did you mean 'when'?)" or "" — ready to append to a message. */
    public static String didYouMean(String input, Collection<String> candidates) {
        String s = nearest(input, candidates);
        return s == null ? "" : " (did you mean '" + s + "'?)";
    }

    /** Damerau-Levenshtein (optimal string alignment): a swap of two neighbours counts as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
