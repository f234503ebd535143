/**
 * The demo: a small JSON API on loopback with deterministic data and one endpoint per pagination
 * style of the catalog format, which {@code examples/catalog.yaml} declares as SQL tables.
 */
package dev.arrowtap.demo;
