/** The {@code numbers(start, end)} table function, split into range tasks. */
package dev.arrowtap.source.numbers;
