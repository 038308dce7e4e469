/** The HTTP control endpoint: a thin route table that exposes the pipeline's status, metrics and commands (and, once registered, the cutover's) to operators. */
package io.tandem.engine.control;
