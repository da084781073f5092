package org.ozworkbench.workbench.bench;

import java.util.List;

/** The JVM flags the ./ozw launcher starts the workbench with, so a measured cold start is the user's. */
final class Launcher {
    static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private Launcher() {
    }
}
