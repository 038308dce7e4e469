package io.tandem.engine.metrics;

import java.util.Comparator;
import java.util.List;

/** Orders series by their label values, element by element, so output is stable between scrapes. */
enum SeriesOrder implements Comparator<List<String>> {
    INSTANCE;

    @Override
    public int compare(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
