package dev.shadowdev.driver.control;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FairBacklogTest
{
    @Test
    void partitionsTakeTurnsAndEachKeepsItsOrder()
    {
        final FairBacklog backlog = new FairBacklog(64);
        // A flooder (partition 7) queues 20 messages before a victim (partition 1) queues 2 and a third partition 1.
        for (int i = 0; i < 20; i++)
        {
            backlog.add(7, 7000 + i, 100, 700 + i);
        }
        backlog.add(1, 1000, 100, 100);
        backlog.add(1, 1001, 100, 101);
        backlog.add(3, 3000, 100, 300);
        final List<Integer> order = drain(backlog, 8);
        assertEquals(List.of(700, 100, 300, 701, 101, 702, 703, 704), order,
            "the victim waits behind one flooder message, not twenty");
        assertEquals(15, backlog.size());
        backlog.add(1, 1002, 100, 102);
        assertEquals(List.of(705, 102, 706, 707), drain(backlog, 4), "a lane that comes back joins the round");
    }

    @Test
    void fullWhenEveryEntryIsTakenAndEntriesAreReused()
    {
        final FairBacklog backlog = new FairBacklog(3);
        backlog.add(1, 1, 1, 1);
        backlog.add(2, 2, 2, 2);
        backlog.add(1, 3, 3, 3);
        assertTrue(backlog.isFull());
        assertEquals(List.of(1, 2, 3), drain(backlog, 3));
        assertFalse(backlog.isFull());
        assertEquals(-1, backlog.peek());
        backlog.add(9, 9, 9, 9);
        assertEquals(9, backlog.address(backlog.peek()));
    }

    @Test
    void matchesAModelOfPerPartitionQueuesServedRoundRobin()
    {
        final Random random = new Random(42);
        final FairBacklog backlog = new FairBacklog(32);
        final List<List<Integer>> model = new ArrayList<>();
        final List<Integer> modelOrder = new ArrayList<>();
        int modelNext = 0;
        int seq = 0;
        for (int step = 0; step < 20_000; step++)
        {
            if (!backlog.isFull() && random.nextInt(3) > 0)
            {
                final int partition = random.nextInt(5);
                while (model.size() <= partition)
                {
                    model.add(new ArrayList<>());
                }
                if (model.get(partition).isEmpty())
                {
                    // Joins last in the round: just before the lane served next.
                    final int at = modelOrder.isEmpty() ? 0 : modelNext;
                    modelOrder.add(at, partition);
                    modelNext = modelOrder.size() == 1 ? 0 : (at + 1) % modelOrder.size();
                }
                model.get(partition).add(seq);
                backlog.add(partition, seq, 1, seq);
                seq++;
            }
            else if (backlog.peek() >= 0)
            {
                final int lane = modelOrder.get(modelNext);
                final int expected = model.get(lane).remove(0);
                assertEquals(expected, backlog.sequence(backlog.peek()), "step " + step);
                backlog.remove();
                if (model.get(lane).isEmpty())
                {
                    modelOrder.remove(modelNext);
                    modelNext = modelOrder.isEmpty() ? 0 : modelNext % modelOrder.size();
                }
                else
                {
                    modelNext = (modelNext + 1) % modelOrder.size();
                }
            }
        }
    }

    private static List<Integer> drain(final FairBacklog backlog, final int most)
    {
        final List<Integer> sequences = new ArrayList<>();
        for (int i = 0; i < most && backlog.peek() >= 0; i++)
        {
            sequences.add(backlog.sequence(backlog.peek()));
            backlog.remove();
        }
        return sequences;
    }
}
