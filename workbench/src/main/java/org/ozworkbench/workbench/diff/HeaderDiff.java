package org.ozworkbench.workbench.diff;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.ozworkbench.core.image.ImageHeader;
import org.ozworkbench.workbench.diff.ImageDiff.Change;
import org.ozworkbench.workbench.report.Refs;

/** The header words of two images: those that carry content, and those that move with every save. */
record HeaderDiff(ImageHeader a, ImageHeader b) {

    List<Change> content() {
        List<Change> changes = new ArrayList<>();
        compare(changes, "format", a.format().version(), b.format().version());
        compare(changes, "byteOrder", a.byteOrder(), b.byteOrder());
        compare(changes, "headerSize", a.headerSize(), b.headerSize());
        compare(changes, "windowWidth", a.windowWidth(), b.windowWidth());
        compare(changes, "windowHeight", a.windowHeight(), b.windowHeight());
        compare(changes, "flags", a.flags(), b.flags());
        compare(changes, "extraVmMemory", a.extraVmMemory(), b.extraVmMemory());
        compare(changes, "rest", HexFormat.of().formatHex(a.rest()), HexFormat.of().formatHex(b.rest()));
        return changes;
    }

    List<Change> layout() {
        List<Change> changes = new ArrayList<>();
        compare(changes, "dataSize", a.dataSize(), b.dataSize());
        compare(changes, "oldBaseAddress", Refs.hex(a.oldBaseAddress()), Refs.hex(b.oldBaseAddress()));
        compare(changes, "specialObjectsOop", Refs.hex(a.specialObjectsOop()), Refs.hex(b.specialObjectsOop()));
        compare(changes, "lastHash", a.lastHash(), b.lastHash());
        return changes;
    }

    private static void compare(List<Change> changes, String what, Object a, Object b) {
        if (!a.equals(b)) {
            changes.add(new Change(what, a.toString(), b.toString()));
        }
    }
}
