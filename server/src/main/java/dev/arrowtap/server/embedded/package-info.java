/** The entry point the driver loads by name for {@code jdbc:arrowtap:} embedded connections. */
package dev.arrowtap.server.embedded;
