/** Failures of statements sent to MySQL, sorted into retryable, refused data, read-only and fatal by error code. */
package io.tandem.sink.mysql.error;
