/**
 * The migration assessment ({@code tandem plan}): reads the source once, read-only, before anything is copied,
 * and describes what {@code run} would do, what it cannot carry over and what would stop it.
 */
package io.tandem.connectors.mysql.plan;
