/**
 * The host driver: {@link dev.shadowdev.driver.AccelDriver} assembles it and is what the devfs uses, through
 * {@link dev.shadowdev.driver.api.NodeAccess}.
 * <pre>
 *   caller threads           workers (sessions)              transport event thread / DBC interrupt
 *   NodeSession.write ──► SessionQueues ─► SessionProcessor ─► WireBatchProxy ─► ControlClient ─► ControlProxy ─► CONTROL 10
 *   NodeSession.read  ◄── SessionQueues ◄─ WireAnswerAdapter ◄─ ControlClient ◄─ ControlAdapter ◄── CONTROL 11
 *                                       └► ExecuteStep ─► DbcBinding (REQ_TAIL) ... DbcTable ◄── DBC interrupt
 * </pre>
 * <ul>
 *   <li>{@code control}: sequence numbers, pending table, timeouts, CRC (ControlClient); sending (ControlProxy) and
 *   receiving with reassembly and validation (ControlAdapter); the CONTROL link and the probe.</li>
 *   <li>{@code dbc}: DMA bridge channel queues in host memory, EXECUTE submission and response matching.</li>
 *   <li>{@code node}: base and shadow device nodes, minors, generations, listeners.</li>
 *   <li>{@code session}: the node ABI per open file, processed asynchronously and in order.</li>
 *   <li>{@code sched}, {@code pool}: allocation-free actors and buffers for the hot paths.</li>
 *   <li>{@code recovery}: the driver's life cycle; {@code DriverConductor} probes, recovers
 *   after SYS_ERR or a dead firmware, and shuts down.</li>
 *   <li>{@code wiretap}, {@code trace}: every crossing recorded to the pcap trace and optional taps.</li>
 * </ul>
 */
package dev.shadowdev.driver;
