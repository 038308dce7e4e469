/**
 * Cutover hooks: the commands or HTTP calls that tell the application's operators about a cutover step
 * ({@code pre-freeze}, {@code switch-app}, {@code post-open}), each bounded by a timeout.
 */
package io.tandem.cutover.hook;
