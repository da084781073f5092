package org.ozworkbench.workbench.server;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.journal.JournalException;
import org.ozworkbench.workbench.cli.BadInputException;
import org.ozworkbench.workbench.cli.Json;
import org.ozworkbench.workbench.diff.ImageDiff;
import org.ozworkbench.workbench.report.ClassSummary;
import org.ozworkbench.workbench.report.ImageSummary;
import org.ozworkbench.workbench.report.Inspection;
import org.ozworkbench.workbench.report.MethodDetail;
import org.ozworkbench.workbench.report.MethodListing;
import org.ozworkbench.workbench.report.NamePattern;
import org.ozworkbench.workbench.report.ObjectPath;
import org.ozworkbench.workbench.report.ProcessListing;

/**
 * The routes under {@code /api}: each answers the document the matching command prints with
 * {@code --json} ({@link Json}), or {@code {"error": "..."}} with a 4xx status.
 */
final class Api {
    static final String JSON = "application/json; charset=utf-8";
    private static final String SPACE = "/api/spaces/:id";
    private static final int DEFAULT_FRAMES = 5;
    private static final int DEFAULT_LIMIT = 256;
    private static final String METACLASS_SUFFIX = " class";
    private static final int DEFAULT_TOP = 20;

    private final WorkbenchServer server;

    Api(WorkbenchServer server) {
        this.server = server;
    }

    void mount(Router router) {
        router.get("/api/spaces").handler(ctx -> respond(ctx, Future.succeededFuture(
                server.spaces().values().stream().map(LiveSpace::entry).toList())));
        read(router, SPACE, (ctx, s) -> ImageSummary.of(s.image(), s.space()));
        read(router, SPACE + "/classes", (ctx, s) -> classes(s.space(), ctx.queryParams().get("match")));
        read(router, SPACE + "/classes/:name", (ctx, s) -> ClassDocument.of(classNamed(s.space(),
                instanceSide(ctx.pathParam("name")))));
        read(router, SPACE + "/classes/:name/methods/:selector", (ctx, s) -> method(s.space(),
                ctx.pathParam("name"), ctx.pathParam("selector")));
        read(router, SPACE + "/processes", (ctx, s) -> ProcessListing.of(s.space(),
                intParam(ctx, "frames", DEFAULT_FRAMES)));
        read(router, SPACE + "/objects/:path", (ctx, s) -> object(s.space(), ctx.pathParam("path"),
                intParam(ctx, "limit", DEFAULT_LIMIT)));
        read(router, SPACE + "/selectors/:selector", (ctx, s) -> SelectorReferences.of(s.space(),
                ctx.pathParam("selector")));
        read(router, SPACE + "/diff", (ctx, s) -> diff(s, intParam(ctx, "top", DEFAULT_TOP)));
        new Changes(server).mount(router);
        new Browsing(server).mount(router);
        router.route("/api/*").handler(ctx -> fail(ctx, 404, "no such route: " + ctx.request().method() + " "
                + ctx.request().path()));
    }

    /** A class as the browser shows it: its summary ({@code ozw classes}) and its methods on both sides ({@code ozw methods}). */
    record ClassDocument(ClassSummary summary, MethodListing instanceSide, MethodListing classSide) {
        static ClassDocument of(ClassMirror cls) {
            return new ClassDocument(ClassSummary.of(cls), MethodListing.of(cls), MethodListing.of(cls.metaclass()));
        }
    }

    /** {@code "Point"} for {@code "Point class"}: a class's document holds both sides. */
    private static String instanceSide(String name) {
        return name.endsWith(METACLASS_SUFFIX) ? name.substring(0, name.length() - METACLASS_SUFFIX.length()) : name;
    }

    private static List<ClassSummary> classes(ObjectSpace space, String match) {
        NamePattern filter = NamePattern.of(match);
        return ObjectSpace.sortedByName(space.classes()).stream().filter(c -> filter.test(c.name()))
                .map(ClassSummary::of).toList();
    }

    static ClassMirror classNamed(ObjectSpace space, String name) {
        return space.classNamed(name).orElseThrow(() -> new ApiException(404, "no class named '" + name + "'"));
    }

    private static MethodDetail method(ObjectSpace space, String className, String selector) {
        ClassMirror cls = classNamed(space, className);
        MethodMirror m = cls.compiledMethodAt(selector).or(() -> cls.lookup(selector))
                .orElseThrow(() -> new ApiException(404, className + " has no method #" + selector + " and inherits none"));
        return MethodDetail.withSource(cls, selector, m);
    }

    private static Inspection object(ObjectSpace space, String path, int limit) {
        GuestValue value;
        try {
            value = ObjectPath.resolve(space, path);
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "'" + path + "': " + e.getMessage());
        }
        return Inspection.of(path, value, limit);
    }

    /**
     * {@code ozw diff BASE LIVE --json}: the base image against the space as it is now, whose bytes
     * are written to a temporary file for the byte comparison.
     */
    private static ImageDiff diff(LiveSpace s, int top) throws IOException {
        Path folder = Files.createTempDirectory("ozw-serve-diff-");
        Path live = folder.resolve(s.id() + "-live.image");
        try {
            Files.write(live, s.space().toBytes());
            return ImageDiff.between(s.image(), s.base(), live, s.space(), EnumSet.noneOf(ImageDiff.Section.class), top);
        } finally {
            Files.deleteIfExists(live);
            Files.deleteIfExists(folder);
        }
    }

    private static int intParam(RoutingContext ctx, String name, int otherwise) {
        String value = ctx.queryParams().get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiException(400, name + "=" + value + ": expected a count from 0");
        }
    }

    /** A read of one space, run on the space's thread between two changes. */
    private void read(Router router, String path, SpaceWork work) {
        router.get(path).handler(ctx -> {
            LiveSpace space = server.space(ctx);
            if (space != null) {
                respondJson(ctx, space.read(ctx.request().uri(), () -> work.apply(ctx, space)), 200);
            }
        });
    }

    /** Work on a space for one request. */
    @FunctionalInterface
    interface SpaceWork {
        Object apply(RoutingContext ctx, LiveSpace space) throws Exception;
    }

    /** Answers the request with the report, as JSON, or with the failure. */
    static void respond(RoutingContext ctx, Future<?> report) {
        respond(ctx, report, 200);
    }

    static void respond(RoutingContext ctx, Future<?> report, int status) {
        respondJson(ctx, report.map(Json::compact), status);
    }

    /** Answers the request with a report already written as JSON, or with the failure. */
    static void respondJson(RoutingContext ctx, Future<String> json, int status) {
        json.onComplete(result -> {
            if (result.succeeded()) {
                ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(result.result());
            } else {
                failWith(ctx, result.cause());
            }
        });
    }

    static void failWith(RoutingContext ctx, Throwable t) {
        if (t instanceof ApiException a) {
            fail(ctx, a.status(), a.getMessage());
        } else if (t instanceof JournalException j && j.problem() == JournalException.Problem.BUSY) {
            fail(ctx, 503, oneLine(t)); // another writer held the journal too long: try again
        } else if (t instanceof JournalException j && j.problem() == JournalException.Problem.DIVERGED) {
            fail(ctx, 409, oneLine(t));
        } else if (t instanceof IllegalArgumentException || t instanceof IllegalStateException
                || t instanceof BadInputException) {
            fail(ctx, 400, oneLine(t));
        } else {
            fail(ctx, 500, "internal error: " + oneLine(t));
        }
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Ends the request with {@code status} and {@code {"error": message}}. */
    static void fail(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON)
                .end(new JsonObject().put("error", message).encode());
    }

    /** A refusal with its HTTP status. */
    static final class ApiException extends RuntimeException {
        private final int status;

        ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
