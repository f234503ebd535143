/**
 * Writing catalogs: {@code arrowtap catalog import} (an OpenAPI description to tables) and {@code
 * arrowtap catalog draft} (a live endpoint's first page to a table), both printing a catalog with a
 * comment on every guess.
 */
package dev.arrowtap.authoring;
