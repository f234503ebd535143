/**
 * HTTP feeds as tables: requests, pagination, retries, parameters bound from WHERE, and the
 * streaming of each page's body into Arrow batches.
 */
package dev.arrowtap.source.http;
