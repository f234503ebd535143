/**
 * Streaming decode of HTTP JSON bodies (arrays, NDJSON, single objects) into Arrow batches, and
 * inference of columns from a sample of records.
 */
package dev.arrowtap.decode;
