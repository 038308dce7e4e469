/**
 * The cutover's steps on the PostgreSQL target: the grant fence that keeps the application out until cutover and
 * opens it at the end (C8), and the identity/sequence sync before it opens (C6).
 */
package io.tandem.cutover.postgres;
