/** The engine: Calcite connections with arrowtap's lexical rules, schemas and settings. */
package dev.arrowtap.engine;
