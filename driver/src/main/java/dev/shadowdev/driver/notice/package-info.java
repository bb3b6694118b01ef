/**
 * What the card says unasked (ABI.md 6): {@link dev.shadowdev.driver.notice.PartitionNotices} takes each
 * {@code PARTITION_NOTICE_FROM_DEV} the control adapter routes to it, fails at once with ECANCELED what a preempted
 * workload still has pending and makes its later EXECUTEs answer ECANCELED without reaching the card
 * ({@link dev.shadowdev.driver.dbc.DbcTable#preempt}), and adds the event lines of ABI.md 6.2 to the partition's
 * shadow node and the base node.
 * <p>
 * Threads: the notice handling runs on the thread that delivers control answers (the transport's event thread,
 * inside {@link dev.shadowdev.driver.control.ControlAdapter}'s delivery, one message at a time and in the order
 * the card sent them); so does the EXECUTE completion it fails, as an answer's completion would. Nothing blocks.
 */
package dev.shadowdev.driver.notice;
