/**
 * Results read as Arrow batches: a cursor over vectors with one accessor per vector type. Loaded
 * only for results the engine serves as Arrow, so a connection that reads rows never loads Arrow.
 */
package dev.arrowtap.jdbc.arrow;
