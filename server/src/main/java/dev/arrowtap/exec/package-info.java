/** Execution: tasks, their Arrow batch streams, and the merge of those streams into rows. */
package dev.arrowtap.exec;
