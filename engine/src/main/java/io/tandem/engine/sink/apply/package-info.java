/**
 * The streaming sink's apply logic shared by every target database: each batch of change events becomes one
 * target transaction of buffered row writes, DDL barriers and the source offset, with the statements of one
 * database behind {@link io.tandem.engine.sink.apply.TableWriter} and {@link io.tandem.engine.sink.apply.SinkDialect}.
 */
package io.tandem.engine.sink.apply;
