/**
 * The host driver: {@link dev.shadowdev.driver.AccelDriver} assembles it and is what the devfs uses, through
 * {@link dev.shadowdev.driver.api.NodeAccess}.
 * <pre>
 *   the caller's thread (write), then lent to the card             the thread running the card's interrupt
 *   NodeSession.write ──► SessionProcessor ─► WireBatchProxy ─► ControlClient ─► ControlProxy ─► CONTROL 10
 *   NodeSession.read  ◄── SessionQueues ◄─ WireAnswerAdapter ◄─ ControlClient ◄─ ControlAdapter ◄── CONTROL 11
 *                         SessionProcessor ─► ExecuteStep ─► DbcBinding (REQ_TAIL) ... DbcTable ◄── DBC interrupt
 * </pre>
 * <ul>
 *   <li>{@code control}: sequence numbers, pending table, timeouts, CRC (ControlClient); sending (ControlProxy) and
 *   receiving with reassembly and validation (ControlAdapter); the CONTROL link and the probe.</li>
 *   <li>{@code dbc}: DMA bridge channel queues in host memory, EXECUTE submission and response matching.</li>
 *   <li>{@code node}: base and shadow device nodes, minors, generations, listeners.</li>
 *   <li>{@code session}: the node ABI per open file, processed in order on the threads that are already there
 *   (its package comment says which thread runs what).</li>
 *   <li>{@code pool}: allocation-free buffers for the hot paths.</li>
 *   <li>{@code recovery}: the driver's life-cycle states; {@code DriverConductor} (in this package) probes,
 *   recovers after SYS_ERR or a dead firmware, and shuts down.</li>
 *   <li>{@code wiretap}, {@code trace}: every crossing recorded to the pcap trace and optional taps.</li>
 * </ul>
 */
package dev.shadowdev.driver;
