/**
 * The emulated card assembled from its parts: {@link dev.shadowdev.firmware.card.FirmwareCard} (model, MHI
 * endpoint, QSM control service, DMA bridge engine, device thread) and its {@link
 * dev.shadowdev.firmware.card.CardOptions}. A host reaches it only through the shared region and the register
 * block; the class comment of {@code FirmwareCard} shows the wiring and the fault model (crash, hang). {@link
 * dev.shadowdev.firmware.card.CardNotices} sends what the card says unasked (preemptions, completed drains) and runs
 * the firmware's drain clock from the card's duty cycle.
 */
package dev.shadowdev.firmware.card;
