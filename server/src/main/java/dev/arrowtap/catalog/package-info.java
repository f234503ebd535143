/** The catalog file: YAML or JSON declarations of feed tables, validated with line numbers. */
package dev.arrowtap.catalog;
