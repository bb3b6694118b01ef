/**
 * The QSM control service: the firmware's end of the qaic control protocol on MHI channels CONTROL 10 (requests)
 * and 11 (answers). {@link dev.shadowdev.firmware.qsm.QsmControlAdapter} receives and dispatches,
 * {@link dev.shadowdev.firmware.qsm.QsmResponseProxy} sends.
 *
 * <h2>What answers what (the driver must match it)</h2>
 * One answer message per request message, echoing its sequence number, handle and partition ID; the answer carries
 * a CRC when the firmware requires CRCs (STATUS flags bit 0). In order of the checks:
 * <ol>
 *   <li>A message that cannot be walked (shorter than its 32-byte header, bad magic, bad len/count/padding,
 *   transactions that do not frame it exactly, longer than 64 KiB) and, when CRCs are required, a message with a
 *   bad CRC, is answered by one {@code RESULT_FROM_DEV {status, request_type = UNDEFINED (0)}}: -EBADMSG for magic
 *   and CRC, -EMSGSIZE above 64 KiB, -EINVAL otherwise. Nothing in it is served. A message holding a lone
 *   STATUS_TO_DEV is served whatever its CRC: the host learns from it whether CRCs are on.</li>
 *   <li>Otherwise the answer has one transaction per request transaction, in order. A transaction of an unknown
 *   type or with a malformed body (wrong length for its type, bad DMA flags, non-zero reserved fields) gets
 *   {@code WireResponseWriter.appendError(type, -EINVAL)}: its own FROM_DEV type with the status and a zero body
 *   when that type has a status field, else {@code RESULT_FROM_DEV {status, type}}. A transaction the model
 *   refuses gets the model's errno the same way (ACTIVATE: {@code ACTIVATE_FROM_DEV {status, 0, short_mask on
 *   -ENOSPC and -EDQUOT}}; DEACTIVATE echoes the dbc_id; PART_CREATE carries the short mask on -ENOSPC;
 *   PART_RESIZE carries it on -ENOSPC and -EBUSY). Before each answer the room the error answers of the
 *   remaining transactions need is kept free; an answer that would eat into it (a long PASSTHROUGH echo,
 *   PART_QUERY or PART_QUERY_EX) is -EMSGSIZE instead.</li>
 * </ol>
 * Successful answers: STATUS {5, 0, 0, flags}; PASSTHROUGH the same data; DMA_XFER_TO_DEV
 * {@code RESULT_FROM_DEV {0, 6}}; ACTIVATE {0, dbc_id, core_mask}; DEACTIVATE (0x100) DEACTIVATE_FROM_DEV
 * {0, dbc_id}; TERMINATE {0}; VALIDATE_PARTITION {0} (-ENOENT for an unknown ID, or another partition's from a
 * shadow node); PART_CREATE {0, id, 0} (either body: 80 bytes v1, 128 v1.1); PART_DESTROY {0}; PART_QUERY
 * {0, n, entries}; POOL_QUERY {0, total, free}; the elastic extensions of ABI.md 6.1: PART_RESIZE (0x10C/0x10D)
 * {0, 0, short_mask 0, preempted}; PART_DRAIN (0x10E/0x10F) {0, 0, active_workloads, 0}; PART_QUERY_EX
 * (0x110/0x111) {0, 0, n, 0, 208-byte entries}. Flags, min/max and the partition are the model's to check.
 * TERMINATE's body handle must equal the header's (else -EACCES): no body field can name another owner.
 * Partition management needs the base node (partition -1): -EPERM from a shadow node; an unknown partition ID in
 * the header is -ENODEV; every request is -EIO after a crash.
 *
 * <h2>DMA_XFER_TO_DEV</h2>
 * The pairs are read straight from host memory into {@code Firmware.loadImage(p, h, slot = tag, offset, ...)}, all
 * pairs of a piece or none (a pair outside host memory is -EINVAL and loads nothing); offset 0 when flags bit 1
 * RESTART is set, else the slot's current length. A transfer split over several messages (qaic's continuation):
 * <ol>
 *   <li>The first piece carries a non-zero dma_chunk_id and MORE (flags bit 0). It may share its message with
 *   other transactions. The answers to those before it are kept, those after it are kept unserved, and the message
 *   is answered by a lone {@code DMA_XFER_CONT {dma_chunk_id, xferred_size}} (bytes of the chunk so far).</li>
 *   <li>Each further piece comes alone in its message under the same chunk id (same partition and handle, same
 *   tag, no RESTART). With MORE it is answered by a lone DMA_XFER_CONT.</li>
 *   <li>The last piece (MORE clear) is answered by the answer to the first message: the kept answers,
 *   {@code RESULT_FROM_DEV {status, 6}} for the whole transfer, then the answers to the kept transactions, served
 *   now (typically the ACTIVATE of the image just loaded). Its header echoes the last message's sequence
 *   number.</li>
 *   <li>A piece that fails ends the transfer the same way, with the failure in the RESULT; the slot is cut back to
 *   its length before the transfer (0 after RESTART).</li>
 *   <li>A lone DMA_XFER_TO_DEV with no pairs under the chunk id aborts it: the slot is cut back and the answer is
 *   {@code RESULT_FROM_DEV {0, 6}} (-ENOENT when no such transfer is in progress).</li>
 * </ol>
 * At most 8 split transfers may be in progress (-EBUSY for a ninth); a chunk id already in progress used in a
 * message with other transactions is -EBUSY; TERMINATE, partition destroy and a transport reset drop them.
 *
 * <h2>ACTIVATE_TO_DEV</h2>
 * options bits 15:0 name the slot, bits 31:16 must be 0. The queues are checked first (see
 * {@code DbcEngine.checkQueues}: sizes 2..65536 elements, both inside host memory, apart; {@code buf_len} is the
 * longest input a request may carry, at least 1); then the model admits the image against the request's pool; then
 * the DBC is bound to the queues with the message's partition and handle as owner and its registers zeroed.
 */
package dev.shadowdev.firmware.qsm;
