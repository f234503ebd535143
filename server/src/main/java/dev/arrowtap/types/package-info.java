/** Column types and table shapes shared by the catalog, the planner and execution. */
package dev.arrowtap.types;
