package io.tandem.engine.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for unknown keys: closest known key by edit distance, ignoring case, {@code -} and {@code _}. */
final class KeySuggestions {
    private KeySuggestions() {
    }

    /** The closest candidate within a distance that still looks like a typo rather than another word. */
    static Optional<String> closest(String key, Collection<String> candidates) {
        String k = normalize(key);
        int limit = Math.max(1, Math.min(3, k.length() / 3));
        return candidates.stream()
                .filter(c -> distance(k, normalize(c)) <= limit)
                .min(Comparator.comparingInt((String c) -> distance(k, normalize(c))).thenComparing(c -> c));
    }

    /** Paths elsewhere in the tree whose last segment is this key, e.g. {@code port} → source.port, target.port. */
    static List<String> elsewhere(String key, Collection<String> paths) {
        String k = normalize(key);
        return paths.stream()
                .filter(p -> normalize(p.substring(p.lastIndexOf('.') + 1)).equals(k))
                .sorted()
                .toList();
    }

    /** {@code batch_max_rows}, {@code batchMaxRows} and {@code batch-max-rows} all normalise alike. */
    private static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** Optimal string alignment distance: Levenshtein plus adjacent transpositions ({@code prot} → {@code port} is 1). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
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
