package ${package}.internal;

/**
 * One decoded ${modality} percept.
 *
 * @param seq    the robot's own sequence number, or -1 when it sent none
 * @param stamp  when the robot measured it, ms since the epoch, or -1 when it sent none
 * @param rangeM the measured range in metres, finite and not negative
 */
record Reading(long seq, long stamp, double rangeM) {
}
