package dev.shadowdev.firmware.card;

import dev.shadowdev.mhi.MhiConfig;
import dev.shadowdev.mhi.QaicChannels;

/**
 * How a {@link FirmwareCard} is built.
 *
 * @param crcRequired whether the firmware requires a CRC on every control message (STATUS flags bit 0) and stamps
 *                    one on every answer.
 * @param config      the MHI channel table; the QSM service uses CONTROL 10/11 of it.
 * @param threadName  name of the device thread started by {@link FirmwareCard#start()}.
 */
public record CardOptions(boolean crcRequired, MhiConfig config, String threadName)
{
    /**
     * @throws IllegalArgumentException when a field is null or negative, or the table has no control channel pair.
     */
    public CardOptions
    {
        if (config == null || threadName == null)
        {
            throw new IllegalArgumentException("bad card options: config=" + config + " thread_name=" + threadName);
        }
        if (config.channel(QaicChannels.CONTROL) == null || config.channel(QaicChannels.CONTROL + 1) == null)
        {
            throw new IllegalArgumentException("channel table has no control pair: channel=" + QaicChannels.CONTROL);
        }
    }

    /** @return CRC required, the qaic channel table, thread "shadowdev-card". */
    public static CardOptions defaults()
    {
        return new CardOptions(true, MhiConfig.qaic(), "shadowdev-card");
    }

    /**
     * @param crcRequired see {@link #crcRequired()}.
     * @return a copy with that setting.
     */
    public CardOptions withCrcRequired(final boolean crcRequired)
    {
        return new CardOptions(crcRequired, config, threadName);
    }

    /**
     * @param threadName see {@link #threadName()}.
     * @return a copy with that name.
     */
    public CardOptions withThreadName(final String threadName)
    {
        return new CardOptions(crcRequired, config, threadName);
    }
}
