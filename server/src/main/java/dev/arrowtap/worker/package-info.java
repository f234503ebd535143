/**
 * The worker: an Arrow Flight server that runs task descriptions sent by a coordinator and streams
 * their Arrow batches back, with the task's metrics on every message.
 */
package dev.arrowtap.worker;
