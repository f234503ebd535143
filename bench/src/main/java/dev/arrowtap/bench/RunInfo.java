package dev.arrowtap.bench;

import java.time.Duration;
import java.time.Instant;

/**
 * The circumstances of one run of the suite, printed above its figures.
 *
 * @param mode the sizes used
 * @param command the exact command, as a user would type it
 * @param started when the run started
 * @param took how long it took
 * @param machine the machine
 * @param loadAtStart the load average when it started
 * @param loadAtEnd the load average when it ended
 * @param commit the arrowtap commit measured, or "unknown"
 * @param peers the peers' versions
 */
public record RunInfo(
    Mode mode,
    String command,
    Instant started,
    Duration took,
    Machine machine,
    String loadAtStart,
    String loadAtEnd,
    String commit,
    String peers) {}
