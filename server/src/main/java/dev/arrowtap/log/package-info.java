/** Structured log lines (key=value) for servers and workers, over java.util.logging. */
package dev.arrowtap.log;
