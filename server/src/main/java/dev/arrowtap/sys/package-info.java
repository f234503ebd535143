/** The {@code sys} schema: tables over the metrics store and the functions it offers. */
package dev.arrowtap.sys;
