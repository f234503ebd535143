/** The arrowtap JDBC driver: embedded and remote connections over Avatica. */
package dev.arrowtap.jdbc;
