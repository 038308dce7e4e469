/**
 * Online verification: compares the target with what tandem would write for the source rows (its own readers,
 * type mapping and value policies), a primary-key chunk at a time, each source chunk read in a consistent snapshot
 * and compared only once the target has committed past that snapshot's binlog position.
 */
package io.tandem.cutover.verify;
