/**
 * Sessions: one open file of a node each, the node ABI behind {@link dev.shadowdev.driver.api.NodeSession}.
 * <p>
 * <b>Which thread runs what.</b> No thread of the driver's own runs sessions; the threads that are already there do:
 * <pre>
 *   write(2)  caller's thread   validate, queue, run the session: build the wire message, submit it, ring the
 *                               doorbell (CONTROL or the workload's DBC); then lend the thread to the card
 *                               (MhiRegisters.endDoorbells): when the card is idle its duty cycle runs right here,
 *                               raises its interrupt here, and the answer is completed here, before write returns
 *   completion  the thread that delivers the answer: the card's interrupt (the lent writer, another lent thread
 *                               that found the card busy first, or the card's own thread), the driver timer for a
 *                               timeout, recovery for a reset; it records the answer and runs the session, which
 *                               turns it into the node response (or sends the next piece) and queues it for read
 *   read(2)   caller's thread   waits for the next response in write order; never runs the session
 *   ioctl     caller's thread   SD_IOC_MANAGE goes through the session like a write and waits for its response;
 *                               SD_IOC_INFO and SD_IOC_PART_DEV are synchronous control calls
 *   close     caller's thread   drops the unstarted requests and runs the session: after the request in flight,
 *                               TERMINATE for the handle; the caller waits until everything is given back
 * </pre>
 * Every wait of a caller's thread (a {@code read} before its response, an SD_IOC_MANAGE answer, a close, a refusal's
 * penalty, a control plane call) first runs the thread's {@link dev.shadowdev.driver.api.BlockingHook}: the devfs's
 * FUSE workers use it to hand the reading of {@code /dev/fuse} to another worker before they wait.
 * <p>
 * One gate per session, a count of runs asked for ({@link dev.shadowdev.driver.session.Session#run}), makes one
 * thread at a time run its {@link dev.shadowdev.driver.session.SessionProcessor}: the thread that raises the count
 * from 0 runs until the count drains, so a completion that arrives while the writer is still building is processed
 * by the writer before it lets go. Nothing blocks inside a run and no run waits for another thread.
 * <p>
 * A write travelling to the card and back: {@code Session.write} -> {@code SessionProcessor.build} ->
 * {@code WireBatchProxy.fill} -> {@code TransactionHandler.encode} (per transaction) -> {@code ControlClient.submit}
 * (sequence, handle and partition stamped) -> {@code ControlProxy.send} -> CONTROL 10 ring + doorbell -> card (QSM)
 * -> CONTROL 11 -> interrupt -> {@code ControlAdapter} -> {@code ControlClient.onResponse} ->
 * {@code SessionProcessor.onControlResponse} -> {@code WireAnswerAdapter.translate} ->
 * {@code TransactionHandler.decode} (per transaction) -> {@code SessionQueues.respond} -> {@code Session.read}.
 * EXECUTE takes the workload's DBC instead: {@code ExecuteStep} -> {@code DbcBinding.submitExecute} -> DBC
 * interrupt -> {@code DbcBinding.drain} -> {@code SessionProcessor.onDbcResponse}.
 * <p>
 * <b>One handler per transaction type.</b> Every node transaction type that travels on CONTROL has one
 * {@link dev.shadowdev.driver.session.TransactionHandler} (encode into the {@code WireBatch}, decode the answer,
 * settle an entry that got none), found in one table, {@code TransactionHandlers}; the request
 * ({@code RequestContext}) and the batch are passed to it explicitly. A message that gets no answer ends in one
 * place, {@code SessionProcessor.failBatch}. A DMA_XFER too long for a message is sent in pieces, each alone in its
 * message, by one small state machine, {@code DmaXferContinuation}.
 */
package dev.shadowdev.driver.session;
