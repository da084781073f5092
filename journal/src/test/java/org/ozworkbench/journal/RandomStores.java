package org.ozworkbench.journal;

import java.util.Random;
import java.util.UUID;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.memory.GuestRef;

/** Random slot, byte and word store events over the whole range of each field, edges often. */
final class RandomStores {
    private static final int[] EDGES = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, (1 << 30) - 1, -(1 << 30)};

    private final Random random;

    RandomStores(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** The {@code i}th event: a slot, byte or word store by {@code i % 3}. */
    JournalEvent.ChangeMade next(int i) {
        int index = random.nextInt(Integer.MAX_VALUE);
        Change change = switch (i % 3) {
            case 0 -> new Change.SlotStored(object(), index, value(), value());
            case 1 -> new Change.ByteStored(object(), index, random.nextInt(256), random.nextInt(256));
            default -> new Change.WordStored(object(), index, any(), any());
        };
        return new JournalEvent.ChangeMade(UUID.randomUUID().toString(), random.nextInt(Integer.MAX_VALUE), change);
    }

    private int any() {
        return random.nextBoolean() ? EDGES[random.nextInt(EDGES.length)] : random.nextInt();
    }

    private GuestRef.Obj object() {
        return random.nextBoolean() ? new GuestRef.Snapshot(any()) : new GuestRef.Created(1 + random.nextInt(Integer.MAX_VALUE));
    }

    private GuestRef value() {
        return random.nextInt(3) == 0 ? new GuestRef.SmallInt(random.nextInt() >> 1) : object();
    }
}
