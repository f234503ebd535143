/**
 * Planning: the tables Calcite sees, the scan node that carries each scan's tasks, the rules that
 * push projections and filters into it, and the runtime that turns its Arrow batches into rows.
 */
package dev.arrowtap.plan;
