/**
 * The Arrow Flight SQL endpoint beside the Avatica one: Flight SQL clients (the Arrow Flight SQL
 * JDBC driver, ADBC) log in with the server's users file and read query results as Arrow batches.
 */
package dev.arrowtap.server.flightsql;
