package org.ozworkbench.workbench.server;

import io.vertx.ext.web.Router;
import org.ozworkbench.journal.JournalReport;
import org.ozworkbench.workbench.cli.JournalLogCommand;
import org.ozworkbench.workbench.cli.JournalShowCommand;

/** The routes that read the journal and those that change a space: surgeries, rollbacks, runs, saves. */
final class Changes {
    private static final String SPACE = "/api/spaces/:id";

    private final WorkbenchServer server;

    Changes(WorkbenchServer server) {
        this.server = server;
    }

    void mount(Router router) {
        router.get(SPACE + "/journal").handler(ctx -> {
            LiveSpace space = server.space(ctx);
            if (space != null) {
                Api.respond(ctx, space.submit(() -> JournalLogCommand.LogReport.of(space.session().report())));
            }
        });
        router.get(SPACE + "/journal/:surgery").handler(ctx -> {
            LiveSpace space = server.space(ctx);
            if (space != null) {
                Api.respond(ctx, space.submit(() -> {
                    JournalReport report = space.session().report();
                    return JournalShowCommand.events(report, JournalShowCommand.find(report, ctx.pathParam("surgery")).id());
                }));
            }
        });
    }
}
