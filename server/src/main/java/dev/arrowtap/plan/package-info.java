/** Planning: the tables Calcite sees and the scan node that carries each scan's tasks. */
package dev.arrowtap.plan;
