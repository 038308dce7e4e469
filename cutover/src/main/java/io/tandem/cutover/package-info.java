/**
 * The switchover from MySQL to PostgreSQL: the persisted state machine ({@link io.tandem.cutover.CutoverJournal}),
 * its coordinator, and the ports it drives on each side ({@link io.tandem.cutover.SourceSide},
 * {@link io.tandem.cutover.TargetSide}, {@link io.tandem.cutover.Hooks}).
 */
package io.tandem.cutover;
