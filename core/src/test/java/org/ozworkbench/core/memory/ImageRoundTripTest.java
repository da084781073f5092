package org.ozworkbench.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.Images.Facts;

class ImageRoundTripTest {

    static java.util.stream.Stream<Facts> images() {
        return Images.allV3();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void loadingCountsTheObjectsAndHeaderKindsTheIndependentParserFound(Facts image) {
        ObjectMemory memory = ObjectMemory.load(image.path());

        int[] headerKinds = new int[4];
        int methods = 0;
        for (GuestObject o : memory.objects()) {
            headerKinds[o.headerWords()]++;
            if (o.isCompiledMethod()) {
                methods++;
            }
        }
        var expected = image.expected();
        assertThat(memory.objectCount()).isEqualTo(expected.objects());
        assertThat(headerKinds).containsExactly(0, expected.oneWordHeaders(), expected.twoWordHeaders(),
                expected.threeWordHeaders());
        assertThat(methods).isEqualTo(expected.compiledMethods());
        assertThat(memory.header().format().version()).isEqualTo(expected.format());
        assertThat(memory.header().dataSize()).isEqualTo(expected.dataSize());
        assertThat(memory.header().oldBaseAddress() & 0xFFFFFFFFL).isEqualTo(expected.oldBaseAddress());
        assertThat(memory.header().specialObjectsOop() & 0xFFFFFFFFL).isEqualTo(expected.specialObjectsOop());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void anUnchangedImageWritesTheVeryBytesItWasReadFrom(Facts image) throws Exception {
        byte[] original = Files.readAllBytes(image.path());

        byte[] written = ObjectMemory.read(image.path(), original).toBytes();

        assertThat(written).isEqualTo(original);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void savingGoesToANewFileAndNeverOverwritesTheLoadedOne(Facts image, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path copy = Files.copy(image.path(), dir.resolve("copy.image"));
        ObjectMemory memory = ObjectMemory.load(copy);

        memory.save(dir.resolve("saved.image"), false);

        assertThat(dir.resolve("saved.image")).hasSameBinaryContentAs(copy);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> memory.save(copy, false))
                .hasMessageContaining("refusing to overwrite");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("copy.image", "saved.image");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void everySnapshotObjectIsFoundAgainByItsOop(Facts image) {
        ObjectMemory memory = ObjectMemory.load(image.path());

        for (GuestObject o : memory.objects()) {
            assertThat(memory.atSnapshotOop(o.snapshotOop())).isSameAs(o);
        }
        assertThat(memory.atSnapshotOop(memory.objects().get(0).snapshotOop() + 2)).isNull();
    }
}
