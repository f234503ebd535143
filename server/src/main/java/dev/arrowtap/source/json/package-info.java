/** Table functions over JSON values already in a row: {@code unnest_json}. */
package dev.arrowtap.source.json;
