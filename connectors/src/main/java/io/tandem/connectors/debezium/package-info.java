/**
 * What every embedded Debezium connector of tandem shares, whichever log it reads: the offset store that serves
 * Debezium the position the direction's sink committed (and nothing else), and the registry through which
 * Debezium's reflectively created stores reach tandem's live ones.
 */
package io.tandem.connectors.debezium;
