/**
 * Renders a {@link io.tandem.connectors.mysql.plan.MigrationPlan} for {@code tandem plan}: as text for a
 * terminal, as JSON for tools, or as the PostgreSQL DDL that {@code run} would execute.
 */
package io.tandem.deploy.plan;
