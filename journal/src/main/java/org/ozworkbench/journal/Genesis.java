package org.ozworkbench.journal;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * The start of a genesis journal (one that begins with {@link JournalEvent.SpaceCreated} rather
 * than a base image): the space its surgeries replay onto is read from the seed the event carries.
 */
public final class Genesis {
    private Genesis() {
    }

    /**
     * The journal's genesis, when its first event is one. A journal whose first excerpt cannot be
     * read has none here: what is wrong with it is for its report to say.
     */
    public static Optional<JournalEvent.SpaceCreated> of(Journal journal) {
        try (JournalTail tail = journal.tail(0)) {
            return tail.next().map(Journal.Entry::event).filter(JournalEvent.SpaceCreated.class::isInstance)
                    .map(JournalEvent.SpaceCreated.class::cast);
        } catch (JournalException e) {
            return Optional.empty();
        }
    }

    /**
     * A fresh space holding the genesis seed, after checking its bytes against the recorded SHA-256.
     *
     * @throws JournalException when the seed does not decode or its SHA-256 differs
     */
    public static ObjectSpace space(Path journalDir, JournalEvent.SpaceCreated genesis) {
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(genesis.seed());
        } catch (IllegalArgumentException e) {
            throw JournalException.inconsistent(journalDir + ": the genesis seed of " + genesis.name() + " is not Base64: "
                    + e.getMessage());
        }
        MessageDigest sha = EventCodec.sha256();
        String actual = HexFormat.of().formatHex(sha.digest(seed));
        if (!actual.equals(genesis.sha256())) {
            throw JournalException.inconsistent(journalDir + ": the genesis seed of " + genesis.name() + " has SHA-256 "
                    + actual + ", not the recorded " + genesis.sha256());
        }
        return ObjectSpace.read(Path.of(genesis.name(), "genesis"), seed);
    }
}
