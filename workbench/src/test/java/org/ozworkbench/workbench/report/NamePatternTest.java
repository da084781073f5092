package org.ozworkbench.workbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Globs match whole names, case-insensitively, in time that grows with name × pattern, never exponentially. */
class NamePatternTest {

    @ParameterizedTest
    @CsvSource({
        "Array*, Array, true", "Array*, ArrayedCollection, true", "Array*, ByteArray, false",
        "*Stream, ReadWriteStream, true", "*Stream, StreamTest, false", "*stream*, ReadStreamTest, true",
        "?oint, Point, true", "?oint, Pint, false", "P*t, Point, true", "P*t, Pointer, false",
        "*a*b*c*, xaxbxcx, true", "*a*b*c*, xaxcxbx, false", "a*a, a, false", "a*a, aa, true",
        "**, '', true", "*, Object, true", "???, Set, true", "???, Bag2, false",
        "*ab*ab, ababab, true", "*aab, aaab, true", "*ARRAY, bytearray, true"})
    void aGlobMatchesWholeNamesIgnoringCase(String glob, String name, boolean matches) {
        assertThat(NamePattern.of(glob).test(name)).isEqualTo(matches);
    }

    @Test
    void aGlobAgreesWithTheRegularExpressionItStandsFor() {
        List<String> globs = List.of("*a*", "a*b?c", "*?*", "?*a*?", "*ab*ba*", "a**b", "*b", "b*", "?");
        List<String> names = IntStream.range(0, 3 * 3 * 3 * 3 * 3).mapToObj(NamePatternTest::abcWord).toList();
        for (String glob : globs) {
            Pattern regex = Pattern.compile(glob.chars().mapToObj(c -> c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(
                    String.valueOf((char) c))).collect(Collectors.joining()));
            for (String name : names) {
                assertThat(NamePattern.of(glob).test(name)).as(glob + " on " + name)
                        .isEqualTo(regex.matcher(name).matches());
            }
        }
    }

    /** The base-3 digits of n as letters a, b, c: every word of up to 5 letters. */
    private static String abcWord(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = n; i > 0; i /= 3) {
            s.append((char) ('a' + i % 3));
        }
        return s.toString();
    }

    @Test
    void manyStarsOnLongNamesTakeMillisecondsNotMinutes() {
        NamePattern stars = NamePattern.of("*".repeat(30) + "a" + "*".repeat(30) + "z");
        String name = "b".repeat(1000);

        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            for (int i = 0; i < 1000; i++) {
                assertThat(stars.test(name)).isFalse();
            }
        });
    }
}
