/**
 * The DMA bridge channel (DBC) engine: the device side of EXECUTE.
 * <p>
 * ACTIVATE binds an activated workload's DBC to two queues the host placed in host memory (the
 * {@code SharedRegion}): a request queue of {@code req_q_size} elements of 64 bytes
 * ({@link dev.shadowdev.dbc.DbcRequestDescriptor}) and a response queue of {@code rsp_q_size} elements of 4 bytes
 * ({@link dev.shadowdev.dbc.DbcResponseDescriptor}). The binding remembers the owner (partition ID and handle of
 * the ACTIVATE message), so requests on the queue are executed for that owner only: the queue is the capability.
 * On ACTIVATE the engine zeroes the DBC's four registers (REQ_HEAD, REQ_TAIL, RSP_HEAD, RSP_TAIL).
 *
 * <h2>Register protocol (the driver must match it)</h2>
 * All four registers hold element indexes, {@code 0 <= index < queue size}; a queue of n elements holds at most
 * n - 1 outstanding elements (tail + 1 == head means full), as in qaic.
 * <ol>
 *   <li>Host: write the request element at index REQ_TAIL (mod req_q_size), then write REQ_TAIL = next index
 *   ({@code MhiRegisters.dbcWrite}). That write is the doorbell that wakes the device.</li>
 *   <li>Device: for each element from REQ_HEAD up to REQ_TAIL: check it, execute it, write the produced length as a
 *   u32 at {@code db_addr} (when {@code db_len} is 32), write a response element {@code {req_id, status}} at
 *   RSP_TAIL, then store REQ_HEAD and RSP_TAIL = their next indexes ({@code dbcStore}). After a batch (at most
 *   {@link dev.shadowdev.firmware.dbc.DbcEngine#BATCH} elements per DBC per pass) the device raises the DBC's
 *   interrupt once, vector {@code InterruptHandler.dbcVector(dbc)} = 1 + dbc.</li>
 *   <li>Host: consume response elements from RSP_HEAD up to RSP_TAIL, then write RSP_HEAD = the next index
 *   ({@code dbcWrite}). When the response queue is full the device stops and waits for that write.</li>
 * </ol>
 * Every request element gets exactly one response element, in order. Its status is 0, or the positive errno of
 * why it was not served: EINVAL for a malformed element (cmd without INBOUND|OUTBOUND|GEN_COMPLETION, len above the
 * binding's {@code buf_len}, a src/dest/db range outside host memory, db_len other than 0 or 32), EOVERFLOW when
 * the output does not fit {@code dest_capacity} (nothing written), ENOENT/EACCES when the model no longer has the
 * owner's workload on the DBC, EIO after a crash. On failure nothing is written at {@code db_addr}.
 * <p>
 * A REQ_TAIL or RSP_HEAD outside the queue cannot be answered: the doorbell is ignored and counted
 * ({@link dev.shadowdev.firmware.dbc.DbcEngine#badDoorbells()}). DEACTIVATE, TERMINATE, partition destroy and a
 * transport reset unbind the DBC's queues; a doorbell on an unbound DBC is ignored and counted
 * ({@link dev.shadowdev.firmware.dbc.DbcEngine#ignoredDoorbells()}).
 * <p>
 * Processing is zero copy: {@code Firmware.execute} reads the input and writes the output straight in host memory.
 * Nothing on the request path allocates or throws.
 */
package dev.shadowdev.firmware.dbc;
