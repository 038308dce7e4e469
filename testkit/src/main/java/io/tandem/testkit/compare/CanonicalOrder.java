package io.tandem.testkit.compare;

import java.util.Comparator;
import java.util.List;

/**
 * The order of canonical values that matches how both servers sort the expressions
 * {@link MySqlSide#orderExpression} and {@link PostgresSide#orderExpression}: numbers and times by
 * value, strings by code point (UTF-8 bytes in MySQL, {@code COLLATE "C"} in PostgreSQL), bytes as
 * unsigned, NULL first.
 */
final class CanonicalOrder {

    static final Comparator<Object> VALUES = CanonicalOrder::compareValues;

    static final Comparator<List<Object>> KEYS = (left, right) -> {
        for (int i = 0; i < left.size(); i++) {
            int order = compareValues(left.get(i), right.get(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    };

    private CanonicalOrder() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object left, Object right) {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        if (left instanceof String leftText && right instanceof String rightText) {
            return compareCodePoints(leftText, rightText);
        }
        if (left.getClass() != right.getClass()) {
            // A zero date kept as text beside real instants, say; any fixed order will do.
            return left.getClass().getName().compareTo(right.getClass().getName());
        }
        return ((Comparable) left).compareTo(right);
    }

    /** String.compareTo compares UTF-16 units, which puts U+FFFF after emoji; code points do not. */
    static int compareCodePoints(String left, String right) {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            int leftCode = left.codePointAt(i);
            int rightCode = right.codePointAt(j);
            if (leftCode != rightCode) {
                return Integer.compare(leftCode, rightCode);
            }
            i += Character.charCount(leftCode);
            j += Character.charCount(rightCode);
        }
        return Boolean.compare(i < left.length(), j < right.length());
    }
}
