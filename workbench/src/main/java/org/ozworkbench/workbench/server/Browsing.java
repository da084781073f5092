package org.ozworkbench.workbench.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import io.vertx.ext.web.Router;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.workbench.diff.ImageDiff;
import org.ozworkbench.workbench.report.MethodReferences;

/**
 * The routes the page's browser asks beyond the CLI's documents: a selector's implementors and
 * senders, and the space against its base image ({@code ozw diff BASE SAVED} of the space as it
 * would be saved now).
 */
final class Browsing {
    private static final String SPACE = "/api/spaces/:id";
    private static final int TOP_CLASSES = 20;
    private static final int HTTP_OK = 200;

    private final WorkbenchServer server;

    Browsing(WorkbenchServer server) {
        this.server = server;
    }

    void mount(Router router) {
        read(router, SPACE + "/implementors/:selector",
                (ctx, s) -> MethodReferences.implementors(s.space(), ctx.pathParam("selector")));
        read(router, SPACE + "/senders/:selector",
                (ctx, s) -> MethodReferences.senders(s.space(), ctx.pathParam("selector")));
        read(router, SPACE + "/diff", (ctx, s) -> diffAgainstBase(s));
    }

    private static ImageDiff diffAgainstBase(LiveSpace live) throws Exception {
        Path saved = Files.createTempFile("ozw-diff-", ".image");
        try (ObjectSpace base = ObjectSpace.load(live.image())) {
            live.space().save(saved, false);
            try (ObjectSpace now = ObjectSpace.load(saved)) {
                return ImageDiff.between(live.image(), base, saved, now, Set.of(), TOP_CLASSES);
            }
        } finally {
            Files.deleteIfExists(saved);
        }
    }

    private void read(Router router, String path, Api.SpaceWork work) {
        router.get(path).handler(ctx -> {
            LiveSpace space = server.space(ctx);
            if (space != null) {
                Api.respondJson(ctx, space.read(ctx.request().uri(), () -> work.apply(ctx, space)), HTTP_OK);
            }
        });
    }
}
