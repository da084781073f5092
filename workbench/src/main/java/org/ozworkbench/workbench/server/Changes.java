package org.ozworkbench.workbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.ozworkbench.core.compiler.parser.SyntaxError;
import org.ozworkbench.core.interpreter.Budget;
import org.ozworkbench.core.interpreter.Interpreter;
import org.ozworkbench.core.interpreter.RunResult;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.GuestRef;
import org.ozworkbench.core.space.Evaluation;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;
import org.ozworkbench.journal.Journal;
import org.ozworkbench.journal.JournalReport;
import org.ozworkbench.journal.JournalTail;
import org.ozworkbench.workbench.cli.BadInputException;
import org.ozworkbench.workbench.cli.JournalLogCommand;
import org.ozworkbench.workbench.cli.JournalShowCommand;
import org.ozworkbench.workbench.cli.SaveCommand;
import org.ozworkbench.workbench.cli.Surgeries;
import org.ozworkbench.workbench.cli.SurgeryReport;
import org.ozworkbench.workbench.report.EvalReport;
import org.ozworkbench.workbench.report.Refs;
import org.ozworkbench.workbench.surgery.SurgeryBatch;

/**
 * The routes that read the journal and those that change a space: surgeries and rollbacks (the
 * code paths of {@code ozw surgery} and {@code ozw rollback}), evaluations, runs and saves. Every
 * change runs on the space's thread ({@link LiveSpace#change}), one at a time.
 */
final class Changes {
    private static final String SPACE = "/api/spaces/:id";
    private static final long DEFAULT_RUN_MILLIS = 1000;
    /** Process switches a run publishes one by one; the rest are counted in its {@code RunEnded}. */
    static final int MAX_SWITCH_EVENTS = 1000;
    private static final long DEFAULT_EVAL_MILLIS = 10_000;
    /** Events one {@code GET /events} answers at most. */
    static final int MAX_EVENTS = 10_000;
    private static final long MAX_MILLIS = 60_000;
    private static final String FILE_IN_LABEL = "file-in";

    private final WorkbenchServer server;

    Changes(WorkbenchServer server) {
        this.server = server;
    }

    void mount(Router router) {
        read(router.get(SPACE + "/journal"), (ctx, s) -> JournalLogCommand.LogReport.of(s.session().report()));
        read(router.get(SPACE + "/journal/:surgery"), (ctx, s) -> {
            JournalReport report = s.session().report();
            return JournalShowCommand.events(report, JournalShowCommand.find(report, ctx.pathParam("surgery")).id());
        });
        router.get(SPACE + "/events").handler(ctx -> {
            LiveSpace space = server.space(ctx);
            if (space != null) {
                Api.respondJson(ctx, space.readNow(() -> events(ctx, space)), 200);
            }
        });
        on(router.post(SPACE + "/surgeries"), this::surgery, 201);
        on(router.post(SPACE + "/surgeries/:surgery/rollback"), this::rollback, 201);
        on(router.post(SPACE + "/evaluate"), this::evaluate);
        on(router.post(SPACE + "/run"), this::run);
        on(router.post(SPACE + "/save"), this::save, 201);
        router.post(SPACE + "/interrupt").handler(ctx -> {
            LiveSpace space = server.space(ctx);
            if (space != null) {
                space.interrupt();
                Api.respond(ctx, Future.succeededFuture(Map.of("interrupted", true)));
            }
        });
    }

    private void on(Route route, Api.SpaceWork work) {
        on(route, work, 200);
    }

    private void on(Route route, Api.SpaceWork work, int status) {
        route.handler(ctx -> {
            LiveSpace space = server.space(ctx);
            if (space != null) {
                Api.respond(ctx, space.change(() -> work.apply(ctx, space)), status);
            }
        });
    }

    private void read(Route route, Api.SpaceWork work) {
        route.handler(ctx -> {
            LiveSpace space = server.space(ctx);
            if (space != null) {
                Api.respondJson(ctx, space.read(ctx.request().uri(), () -> work.apply(ctx, space)), 200);
            }
        });
    }

    /** What {@code GET /events} answers: the events after the index asked for, and whether more follow. */
    record Events(List<JsonNode> events, boolean more) {
    }

    /**
     * {@code GET /events?after=INDEX}: the journal's events after {@code INDEX} (all without it), each
     * with its index, at most {@value #MAX_EVENTS} a request ({@code more} says when more follow).
     * A subscriber that comes late registers on the bridge first, then reads these, and keeps the
     * bridge's events whose index is past the last one read: every event once, in journal order.
     */
    private static Events events(RoutingContext ctx, LiveSpace s) throws IOException {
        long after;
        try {
            after = Long.parseLong(ctx.queryParams().get("after") == null ? "-1" : ctx.queryParams().get("after"));
        } catch (NumberFormatException e) {
            throw new Api.ApiException(400, "after: expected a journal index, not " + ctx.queryParams().get("after"));
        }
        List<JsonNode> events = new ArrayList<>();
        try (JournalTail tail = s.session().journal().tail(after + 1)) { // positioned at once, not read from the start
            for (Optional<Journal.Entry> e = tail.next(); e.isPresent() && events.size() <= MAX_EVENTS; e = tail.next()) {
                events.add(JournalShowCommand.json(e.get()));
            }
        }
        boolean more = events.size() > MAX_EVENTS;
        return new Events(more ? events.subList(0, MAX_EVENTS) : events, more);
    }

    /** {@code POST /surgeries}: a JSON batch ({@code application/json}) or a chunk file-in (any other type). */
    private Object surgery(RoutingContext ctx, LiveSpace s) {
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String type = ctx.request().getHeader("Content-Type");
        Surgeries.Work work = type != null && type.startsWith("application/json")
                ? new Surgeries.Work("request", SurgeryBatch.parse(Path.of("request"), body), null)
                : new Surgeries.Work("request", null, new String(body, StandardCharsets.ISO_8859_1));
        String label = ctx.queryParams().get("label");
        String name = label != null ? label : work.label(FILE_IN_LABEL);
        Surgeries.Applied applied;
        try {
            applied = Surgeries.apply(s.session(), name, work, null);
        } catch (Api.ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Api.ApiException(422, "surgery '" + name + "' refused, nothing changed: " + e.getMessage());
        }
        return report(s, applied.surgery(), applied.warnings());
    }

    /** {@code POST /surgeries/{surgery}/rollback}: 409 with the conflict report when a later surgery changed the same places. */
    private Object rollback(RoutingContext ctx, LiveSpace s) {
        Surgeries.RolledBack done;
        try {
            done = Surgeries.rollback(s.session(), ctx.pathParam("surgery"), null);
        } catch (Surgeries.RollbackRefused e) {
            throw new Api.ApiException(409, e.getMessage());
        } catch (BadInputException | IllegalArgumentException e) {
            throw new Api.ApiException(404, e.getMessage());
        }
        return new SurgeryReport.RollbackReport(done.undone().id(), done.undone().label(),
                report(s, done.rollback(), List.of()));
    }

    private static SurgeryReport report(LiveSpace s, Surgery surgery, List<String> warnings) {
        return SurgeryReport.of(surgery, s.journalDir().toString(), s.session().replayed(), null, warnings);
    }

    /**
     * {@code POST /evaluate} {@code {"expression": "3 + 4", "sandbox": true, "milliseconds": 10000,
     * "bytecodes": N}}: in a throwaway copy of the space unless {@code "sandbox": false}, which
     * evaluates in the space itself as one surgery, committed when the expression answers a value.
     */
    private Object evaluate(RoutingContext ctx, LiveSpace s) {
        JsonObject request = jsonBody(ctx);
        String expression = request.getString("expression");
        if (expression == null) {
            throw new Api.ApiException(400, "expected {\"expression\": \"...\"}");
        }
        Budget budget = budget(request, DEFAULT_EVAL_MILLIS);
        boolean sandbox = request.getBoolean("sandbox", true);
        publishRun(s, new JsonObject().put("type", "RunStarted").put("kind", "evaluate").put("sandbox", sandbox)
                .put("expression", expression));
        EvalReport report;
        long[] switches = {0};
        try {
            Evaluation result = sandbox ? inSandbox(s, expression, budget, switches) : inSpace(s, expression, budget, switches);
            report = EvalReport.of(s.image().toString(), expression, result);
        } catch (SyntaxError e) {
            publishRun(s, new JsonObject().put("type", "RunEnded").put("kind", "evaluate").put("result", "syntax error"));
            throw new Api.ApiException(400, "expression " + e.getMessage());
        }
        publishRun(s, new JsonObject().put("type", "RunEnded").put("kind", "evaluate").put("result", report.result())
                .put("bytecodes", report.bytecodes()).put("processSwitches", switches[0]));
        return report;
    }

    private Evaluation inSandbox(LiveSpace s, String expression, Budget budget, long[] switches) {
        try (ObjectSpace sandbox = s.space().sandbox()) {
            return running(s, sandbox, switches, () -> sandbox.execution().evaluate(expression, budget));
        }
    }

    private Evaluation inSpace(LiveSpace s, String expression, Budget budget, long[] switches) {
        ObjectSpace space = s.space();
        s.ran();
        try (Surgery surgery = space.beginSurgery("evaluate " + expression)) {
            Evaluation result = running(s, space, switches, () -> space.execution().evaluateInSurgery(expression, budget));
            if (result instanceof Evaluation.Value) {
                surgery.commit();
            }
            return result;
        } catch (SyntaxError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Api.ApiException(422, "evaluation refused, nothing changed: " + e.getMessage());
        }
    }

    /** What {@code POST /run} answers: how the run ended and how many bytecodes it ran. */
    record RunReport(String result, long bytecodes, String detail) {
        static RunReport of(RunResult r) {
            return new RunReport(r.getClass().getSimpleName(), r.bytecodes(), r.toString());
        }
    }

    /**
     * {@code POST /run} {@code {"milliseconds": 1000, "bytecodes": N}}: the guest's own processes under a budget.
     */
    private Object run(RoutingContext ctx, LiveSpace s) {
        Budget budget = budget(jsonBody(ctx), DEFAULT_RUN_MILLIS);
        ObjectSpace space = s.space();
        s.ran();
        publishRun(s, new JsonObject().put("type", "RunStarted").put("kind", "run")
                .put("milliseconds", budget.time().toMillis()));
        long[] switches = {0};
        RunReport report = RunReport.of(running(s, space, switches, () -> space.run(budget)));
        publishRun(s, new JsonObject().put("type", "RunEnded").put("kind", "run").put("result", report.result())
                .put("bytecodes", report.bytecodes()).put("processSwitches", switches[0]));
        return report;
    }

    /**
     * Runs guest code in {@code space} (the live space or a sandbox of it) as {@code s}'s run, telling
     * the run address of each process switch ({@code ProcessSwitched}, from and to, the first
     * {@value #MAX_SWITCH_EVENTS}: a busy image switches thousands of times a second) and counting
     * them all in {@code switches[0]} for the run's {@code RunEnded}.
     */
    private <T> T running(LiveSpace s, ObjectSpace space, long[] switches, Supplier<T> run) {
        Interpreter interpreter = space.execution().interpreter();
        Map<GuestObject, String> madeInRun = new IdentityHashMap<>();
        interpreter.onProcessSwitch((from, to) -> {
            if (switches[0]++ < MAX_SWITCH_EVENTS) {
                publishRun(s, new JsonObject().put("type", "ProcessSwitched")
                        .put("from", processName(space, from, madeInRun)).put("to", processName(space, to, madeInRun)));
            }
        });
        try {
            return s.running(space, run);
        } finally {
            interpreter.onProcessSwitch(null);
        }
    }

    /**
     * A process as {@code ozw processes} names it (its oop), or, for one the guest made during this
     * run and the space has no name for yet, {@code "new process N"} in the order the run met them.
     */
    private static String processName(ObjectSpace space, GuestObject process, Map<GuestObject, String> madeInRun) {
        GuestRef.Obj ref = space.mirror(process).ref();
        if (ref instanceof GuestRef.Created c && c.index() < 0) {
            return madeInRun.computeIfAbsent(process, p -> "new process " + (madeInRun.size() + 1));
        }
        return Refs.of(ref);
    }

    /** A run event ({@code RunStarted}, {@code ProcessSwitched}, {@code RunEnded}) on the space's run address. */
    private void publishRun(LiveSpace s, JsonObject event) {
        server.vertx().eventBus().publish(s.runAddress(), event);
    }

    /**
     * {@code POST /save} {@code {"name": "fixed.image", "overwrite": false}}: into {@code --out-dir}
     * only; a name with a path separator, or an existing file without {@code overwrite}, is refused.
     */
    private Object save(RoutingContext ctx, LiveSpace s) throws Exception {
        Path outDir = server.options().outDir();
        if (outDir == null) {
            throw new Api.ApiException(403, "saving is off: start ozw serve with --out-dir DIR");
        }
        JsonObject request = jsonBody(ctx);
        String name = request.getString("name");
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")
                || name.contains("\\") || name.indexOf('\0') >= 0) {
            throw new Api.ApiException(400, "name " + (name == null ? "missing" : "'" + name + "'")
                    + ": expected a file name without a path separator");
        }
        Path target = outDir.resolve(name);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !request.getBoolean("overwrite", false)) {
            throw new Api.ApiException(409, name + " exists in the output folder: send \"overwrite\": true to replace it");
        }
        if (Files.exists(target) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new Api.ApiException(409, name + " in the output folder is not a regular file");
        }
        byte[] base = Files.readAllBytes(s.image());
        s.session().save(target);
        return SaveCommand.report(s.image(), base, target);
    }

    private static JsonObject jsonBody(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            return body == null ? new JsonObject() : body;
        } catch (DecodeException | ClassCastException e) {
            throw new Api.ApiException(400, "expected a JSON object: " + e.getMessage());
        }
    }

    private static Budget budget(JsonObject request, long defaultMillis) {
        long millis;
        Long bytecodes;
        try {
            millis = request.getLong("milliseconds", defaultMillis);
            bytecodes = request.getLong("bytecodes");
        } catch (ClassCastException e) {
            throw new Api.ApiException(400, "milliseconds and bytecodes are numbers");
        }
        if (millis <= 0 || millis > MAX_MILLIS || (bytecodes != null && bytecodes <= 0)) {
            throw new Api.ApiException(400, "milliseconds must be 1.." + MAX_MILLIS + " and bytecodes positive");
        }
        Budget time = Budget.time(Duration.ofMillis(millis));
        return bytecodes == null ? time : Budget.bytecodes(bytecodes).and(Duration.ofMillis(millis));
    }
}
