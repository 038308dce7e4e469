package io.tandem.engine.transform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The target names of one PostgreSQL namespace (the schemas of the database, the relations of one schema, the
 * columns of one table): which source object has which target name. A name once given stays with its object until
 * the object goes; a new object gets the first free choice, else a numbered variant, so no two objects ever share
 * a target name.
 *
 * @param <K> what identifies a source object in this scope
 */
final class NameScope<K> {

    private final Map<K, String> targets = new HashMap<>();
    private final Map<K, String> spellings = new HashMap<>();
    private final Map<String, K> owners = new HashMap<>();
    private final Set<String> reserved;

    /** @param reserved target names that are never given (a schema tandem itself uses, say) */
    NameScope(Set<String> reserved) {
        this.reserved = Set.copyOf(reserved);
    }

    String get(K key) {
        return targets.get(key);
    }

    /** The object that has {@code target}, or null. */
    K owner(String target) {
        return owners.get(target);
    }

    /**
     * Records a name given earlier (a stored definition). Two objects claiming one name means the stored state
     * contradicts itself, which no later choice could repair.
     */
    void put(K key, String spelling, String target) {
        K owner = owners.get(target);
        if (owner != null && !owner.equals(key)) {
            throw new IllegalStateException("target name " + target + " is recorded for both " + owner + " and " + key);
        }
        remove(key);
        targets.put(key, target);
        spellings.put(key, spelling);
        owners.put(target, key);
    }

    void removeIf(Predicate<K> which) {
        List<K> gone = targets.keySet().stream().filter(which).toList();
        gone.forEach(this::remove);
    }

    void remove(K key) {
        String target = targets.remove(key);
        spellings.remove(key);
        if (target != null) {
            owners.remove(target);
        }
    }

    /**
     * Whether {@code spelling} folds to the same text as another source name of the scope, or as another of the
     * names {@code together} with it: then folding would merge two names, and each keeps its case instead.
     *
     * @param sameKind which objects of the scope count (tables, not the indexes beside them in a schema)
     */
    boolean foldClashes(String spelling, Collection<String> together, Predicate<K> sameKind) {
        String folded = IdentifierText.fold(spelling);
        List<String> others = new ArrayList<>(together);
        spellings.forEach((key, other) -> {
            if (sameKind.test(key)) {
                others.add(other);
            }
        });
        return others.stream().anyMatch(other -> !other.equals(spelling) && IdentifierText.fold(other).equals(folded));
    }

    /**
     * Gives {@code key} the first of {@code choices} that is free, each shortened to 63 bytes if longer (a prefix
     * plus {@code _} and the hash of {@code spelling}); when none is free, the first choice with {@code _2},
     * {@code _3}, … The object's existing name wins over all of this.
     *
     * @param spelling the full source name: hashed into shortened names, compared by {@link #foldClashes}
     */
    String assign(K key, String spelling, List<String> choices) {
        String existing = targets.get(key);
        if (existing != null) {
            return existing;
        }
        Set<String> fitted = new LinkedHashSet<>();
        for (String choice : choices) {
            fitted.add(IdentifierText.bytes(choice) <= IdentifierText.MAX_BYTES ? choice
                    : IdentifierText.fit(choice, "_" + IdentifierText.hash(spelling)));
        }
        String chosen = fitted.stream().filter(this::isFree).findFirst().orElse(null);
        String first = fitted.iterator().next();
        for (int n = 2; chosen == null; n++) {
            String variant = IdentifierText.fit(first, "_" + n);
            if (isFree(variant)) {
                chosen = variant;
            }
        }
        put(key, spelling, chosen);
        return chosen;
    }

    boolean isFree(String target) {
        return !owners.containsKey(target) && !reserved.contains(target);
    }
}
