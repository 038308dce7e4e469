/**
 * The way back, armed on PostgreSQL before cutover (CUTOVER.md §7 P3–P5): the reverse control tables and their
 * heartbeat, the publication with full replica identity, the logical slot (created ahead of time, because its
 * creation waits for every open write transaction), the replication origins that tag the forward sink's writes so
 * the reverse stream can leave them out, and the checks that tell an operator what the server still lacks.
 */
package io.tandem.sink.postgres.wayback;
