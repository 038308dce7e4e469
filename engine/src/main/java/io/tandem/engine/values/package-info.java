/**
 * What tandem does with source values PostgreSQL cannot hold (zero dates, NUL characters, invalid bytes): the
 * configured policies, the record of each row a policy changed or refused, and their counts.
 */
package io.tandem.engine.values;
