/**
 * Cgroup-bound partitions (ABI.md 7): the rules of a bound path ({@link dev.shadowdev.driver.cgroup.CgroupPaths}),
 * the binding table with its longest-prefix lookup ({@link dev.shadowdev.driver.cgroup.CgroupBindings}), and how a
 * caller's cgroup is read ({@link dev.shadowdev.driver.cgroup.ProcCgroups}).
 * <p>
 * Threads: bindings change on the thread that runs a base node session (PART_BIND), on the thread that sees a
 * partition destroyed, and on the recovery thread; {@code open()} on the shared node reads them on a FUSE thread
 * without a lock.
 */
package dev.shadowdev.driver.cgroup;
