package dev.shadowdev.driver;

import dev.shadowdev.driver.options.DriverOptions;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.ProbeResult;
import dev.shadowdev.driver.api.ResetListener;
import dev.shadowdev.driver.recovery.DriverState;
import dev.shadowdev.driver.testing.Client;
import dev.shadowdev.driver.testing.Msg;
import dev.shadowdev.driver.testing.Rig;
import dev.shadowdev.driver.testing.ScriptedCard;
import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireCrc;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe against a scripted device: version check, CRC switch, failures, a failed recovery. */
class ProbeTest
{
    private final ScriptedCard card = new ScriptedCard();
    private AccelDriver driver;

    @AfterEach
    void close()
    {
        if (driver != null)
        {
            driver.close();
        }
        card.close();
    }

    @Test
    void aSupportedFirmwareIsProbedWithStatusFromTheDriver() throws Exception
    {
        driver = driver(Duration.ofSeconds(2));
        assertEquals(ProbeResult.OK, driver.probe());
        assertEquals(DriverState.ONLINE, driver.state());
        final WireBuffer status = new WireBuffer(card.requests().get(0));
        assertEquals(WireTypes.STATUS_TO_DEV, status.getInt(WireMessageHeaderFlyweight.LENGTH));
        assertEquals(0, status.getInt(WireMessageHeaderFlyweight.HANDLE_OFFSET));
        assertEquals(-1, status.getInt(WireMessageHeaderFlyweight.PARTITION_ID_OFFSET));
        assertEquals(2, driver.nodes().size());
        assertTrue(driver.nodes().get(0).isBase());
        assertTrue(driver.nodes().get(1).isCgroupNode());
        assertEquals(ProbeResult.failed(Errno.EBUSY.status(), "probe refused: state=ONLINE"), driver.probe());
    }

    @Test
    void majorSixIsRefused() throws Exception
    {
        card.major = 6;
        driver = driver(Duration.ofSeconds(2));
        assertEquals(ProbeResult.failed(Errno.EINVAL.status(),
            "unsupported firmware version: major=6 minor=0 supported=5.0"), driver.probe());
        assertEquals(DriverState.FAILED, driver.state());
        assertEquals(List.of(), driver.nodes());
        assertEquals(Errno.ENOENT.status(), driver.open(0).status());
    }

    @Test
    void aMinorAboveZeroIsRefused() throws Exception
    {
        card.minor = 1;
        driver = driver(Duration.ofSeconds(2));
        assertEquals(ProbeResult.failed(Errno.EINVAL.status(),
            "unsupported firmware version: major=5 minor=1 supported=5.0"), driver.probe());
    }

    @Test
    void crcIsCheckedBothWaysWhenTheFirmwareAsks() throws Exception
    {
        driver = driver(Duration.ofMillis(200));
        assertEquals(ProbeResult.OK, driver.probe());
        try (Client base = new Client(driver.open(0).session()))
        {
            card.responder = (c, request) -> ScriptedCard.patch(c.standard(request),
                WireMessageHeaderFlyweight.CRC32_OFFSET, 0xBAD, false);
            base.send(Msg.tag(1).status());
            Rig.await(() -> driver.counters().get(Counter.CONTROL_CORRUPT) == 1, "bad crc dropped");
            final byte[] request = card.requests().get(card.requests().size() - 1);
            assertEquals(new WireCrc().compute(new WireBuffer(request), 0, request.length),
                new WireBuffer(request).getInt(WireMessageHeaderFlyweight.CRC32_OFFSET));
            assertEquals(Errno.ETIMEDOUT.status(), base.read().status());
            card.responder = (c, r) -> c.standard(r);
        }
    }

    @Test
    void withoutTheCrcFlagMessagesCarryNoCrcAndAnswersAreNotChecked() throws Exception
    {
        card.crc = false;
        driver = driver(Duration.ofSeconds(2));
        assertEquals(ProbeResult.OK, driver.probe());
        try (Client base = new Client(driver.open(0).session()))
        {
            card.responder = (c, request) -> ScriptedCard.patch(c.standard(request),
                WireMessageHeaderFlyweight.CRC32_OFFSET, 0xBAD, false);
            assertEquals(List.of("STATUS:0"), base.transact(Msg.tag(1).status()).statuses());
            final byte[] request = card.requests().get(card.requests().size() - 1);
            assertEquals(0, new WireBuffer(request).getInt(WireMessageHeaderFlyweight.CRC32_OFFSET));
        }
    }

    @Test
    void aSilentFirmwareTimesTheProbeOut() throws Exception
    {
        card.responder = (c, request) -> null;
        driver = driver(Duration.ofMillis(200));
        assertEquals(ProbeResult.failed(Errno.ETIMEDOUT.status(), "firmware status failed: status=-110"),
            driver.probe());
        card.responder = (c, request) -> c.standard(request);
        assertEquals(ProbeResult.OK, driver.probe());
    }

    @Test
    void aRecoveryThatMeetsAnUnsupportedFirmwareGivesUp() throws Exception
    {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        driver = driver(Duration.ofSeconds(2));
        driver.addResetListener(new ResetListener()
        {
            @Override
            public void onReset(final ProbeResult result, final long resets)
            {
                events.add(result.status() + " " + result.reason() + " " + resets);
            }
        });
        assertEquals(ProbeResult.OK, driver.probe());
        card.major = 6;
        card.device.enterSysErr("test");
        Rig.await(() -> events.size() == 1, "recovery ended");
        assertEquals(List.of(Errno.EINVAL.status() + " unsupported firmware version: major=6 minor=0 supported=5.0 0"),
            events);
        assertEquals(DriverState.FAILED, driver.state());
        assertFalse(driver.nodes().get(0).online());
        assertEquals(3, card.resets.get());
        assertEquals(1, driver.counters().get(Counter.RECOVERY_FAILURES));
    }

    private AccelDriver driver(final Duration timeout) throws Exception
    {
        return new AccelDriver(new DmaAllocator(card.region), card.registers, DriverOptions.builder()
            .controlTimeout(timeout).probeTimeout(Duration.ofSeconds(2)).timerTick(Duration.ofMillis(5)).build());
    }
}
