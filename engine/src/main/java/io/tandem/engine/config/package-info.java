/**
 * Turns {@code tandem.yml} into the immutable, validated settings every other stage is built from;
 * it sits before the pipeline is wired and reports all configuration problems at once.
 */
package io.tandem.engine.config;
