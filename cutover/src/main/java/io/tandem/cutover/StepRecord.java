package io.tandem.cutover;

/** One finished step of an attempt: its name, how long it took and what it found (positions, counts). */
public record StepRecord(String name, double millis, String detail) {
}
