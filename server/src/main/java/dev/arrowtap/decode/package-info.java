/** Streaming decode of JSON response bodies into Arrow batches. */
package dev.arrowtap.decode;
