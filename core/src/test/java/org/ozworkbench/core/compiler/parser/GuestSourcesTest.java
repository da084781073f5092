package org.ozworkbench.core.compiler.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.compiler.conformance.GuestCorpus;
import org.ozworkbench.core.compiler.conformance.GuestMethod;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.fixtures.SharedImage;

/**
 * The parser on real code: every method source of an image, as the image's own Decompiler printed
 * it in the real VM ({@link GuestCorpus}). What the guest's Compiler accepted must parse, keep
 * consistent spans, and survive the print-and-reparse round trip.
 */
class GuestSourcesTest {

    enum CorpusImage {
        SCRATCH(null), MINI(SharedImage.MINI), JITTEST(SharedImage.JITTEST);

        private final SharedImage shared;

        CorpusImage(SharedImage shared) {
            this.shared = shared;
        }

        Path path() {
            return shared == null ? Images.scratch() : ImageAssumptions.assumeSharedImage(shared);
        }
    }

    @BeforeAll
    static void needsTheRealVm() {
        ImageAssumptions.assumeRealVm();
    }

    @ParameterizedTest
    @EnumSource(CorpusImage.class)
    void everySourceTheGuestsCompilerAcceptsParsesAndRoundTrips(CorpusImage image) {
        GuestCorpus corpus = GuestCorpus.of(image.path());
        List<String> failures = new ArrayList<>();
        int parsed = 0;
        int refusedByBoth = 0;
        int refusedByGuestOnly = 0;
        for (GuestMethod method : corpus.methods()) {
            if (method.source().isEmpty()) {
                continue;
            }
            String source = method.source().get();
            try {
                Sources.checked(Parser.parseMethod(source), Parser::parseMethod, true);
                if (method.isRecompiled()) {
                    parsed++;
                } else {
                    refusedByGuestOnly++;
                }
            } catch (SyntaxError e) {
                if (method.isRecompiled()) {
                    failures.add(method.key() + ": " + e.getMessage() + "\n" + e.caretReport());
                } else {
                    refusedByBoth++;
                }
            } catch (AssertionError e) {
                failures.add(method.key() + ": " + e.getMessage());
            }
        }

        System.out.printf("%s: %d sources the guest compiled parse and round-trip; %d refused by both the guest"
                + " and us, %d refused by the guest only (not for syntax); %d failures%n", image,
                parsed, refusedByBoth, refusedByGuestOnly, failures.size());
        assertThat(failures).isEmpty();
        assertThat(parsed).isGreaterThan(0);
    }
}
