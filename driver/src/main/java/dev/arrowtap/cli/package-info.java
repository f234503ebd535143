/** The {@code arrowtap} command line: server, sql and the shell's launcher. */
package dev.arrowtap.cli;
