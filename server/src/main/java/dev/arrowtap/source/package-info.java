/**
 * Sources: the tables and table functions that produce rows ({@code http}, {@code numbers}, {@code
 * probe}), and the registry of their task types.
 */
package dev.arrowtap.source;
