package org.ozworkbench.workbench.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ozworkbench.journal.JournalSession;
import org.ozworkbench.workbench.bus.BusAddress;

/**
 * {@code ozw serve}: a Vert.x Web server over live object spaces and their journals.
 *
 * <ul>
 *   <li>{@code /api/...}: the JSON API ({@link Api}); every call needs {@code Authorization: Bearer TOKEN};
 *   <li>{@code /eventbus/*}: the event bus bridged to the browser (SockJS), outbound only, for the
 *       journal addresses {@code ozw.space.<id>...} and the run events on {@code ozw.run.<id>}; a
 *       registration carries the token in its headers ({@code {"Authorization": "Bearer TOKEN"}});
 *   <li>anything else: the page, static files from the jar's {@code webroot/} (see {@link Webroot}).
 * </ul>
 *
 * <p>Every request whose {@code Host} is not the server's own, or whose {@code Origin} (when sent)
 * is not the server's own, is refused with 403: a page of another site cannot post to the API,
 * and a name rebound to 127.0.0.1 does not reach it. Request bodies are bounded by
 * {@value #BODY_LIMIT} bytes (413).
 */
public final class WorkbenchServer implements AutoCloseable {
    /** The largest request body the API takes. */
    public static final int BODY_LIMIT = 1024 * 1024;
    /** Run events (a run's start and end) of space {@code id} go out on this prefix + id. */
    public static final String RUN_ADDRESS_PREFIX = "ozw.run.";
    private static final String OUTBOUND = "ozw\\.(space|run)\\.[0-9a-f]+(-[0-9]+)?(\\.[a-z]+)?";
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final Vertx vertx;
    private final Options options;
    private final Map<String, LiveSpace> spaces;
    private final Access access;
    private HttpServer http;
    private Webroot webroot;

    /**
     * How the server is reached and what it may write.
     *
     * @param bind        the address to listen on (a loopback address unless {@code allowRemote})
     * @param port        the port, 0 for a free one
     * @param token       what clients send as {@code Authorization: Bearer TOKEN}
     * @param outDir      the only folder {@code POST /save} writes into; null: saving is refused
     * @param allowRemote whether {@code bind} may be other than a loopback address
     */
    public record Options(String bind, int port, String token, Path outDir, boolean allowRemote) {
    }

    /** A space to open: its base image and its journal folder. */
    public record SpaceSource(Path image, Path journal) {
    }

    private WorkbenchServer(Vertx vertx, Options options, Map<String, LiveSpace> spaces) {
        this.vertx = vertx;
        this.options = options;
        this.spaces = spaces;
        this.access = new Access(options.token());
    }

    /**
     * Opens each image on its journal ({@link JournalSession#openShared}: the journal's committed
     * surgeries replayed, its writer lock taken only while a request changes the space) and starts serving.
     *
     * @throws IllegalArgumentException when {@code bind} is not a loopback address and remote access was not allowed
     */
    public static WorkbenchServer start(List<SpaceSource> sources, Options options) throws Exception {
        InetAddress bind = checkBind(options.bind(), options.allowRemote());
        Vertx vertx = Vertx.vertx();
        Map<String, LiveSpace> spaces = new LinkedHashMap<>();
        WorkbenchServer server = new WorkbenchServer(vertx, options, spaces);
        try {
            for (SpaceSource source : sources) {
                JournalSession session = JournalSession.openShared(source.image(), source.journal());
                String id = uniqueId(spaces, BusAddress.defaultSpaceId(session.journal()).orElseThrow());
                spaces.put(id, new LiveSpace(vertx, id, source.image(), source.journal(), session));
            }
            server.listen(bind);
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    /**
     * The address to listen on, refused when it is not a loopback address and remote access was not allowed.
     *
     * @throws IllegalArgumentException when refused, or when the name does not resolve
     */
    public static InetAddress checkBind(String address, boolean allowRemote) {
        InetAddress bind;
        try {
            bind = InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + address + ": not an address of this machine");
        }
        if (!bind.isLoopbackAddress() && !allowRemote) {
            throw new IllegalArgumentException("--bind " + address + " is not a loopback address: add"
                    + " --allow-remote to serve other machines (anyone who has the token can change the images)");
        }
        return bind;
    }

    private static String uniqueId(Map<String, LiveSpace> spaces, String id) {
        String unique = id;
        for (int n = 2; spaces.containsKey(unique); n++) {
            unique = id + "-" + n;
        }
        return unique;
    }

    private void listen(InetAddress bind) throws Exception {
        Router router = Router.router(vertx);
        router.route().handler(access::checkHostAndOrigin);
        router.route("/api/*").handler(access::checkToken);
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        new Api(this).mount(router);
        SockJSBridgeOptions bridge = new SockJSBridgeOptions()
                .addOutboundPermitted(new PermittedOptions().setAddressRegex(OUTBOUND));
        router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx).bridge(bridge, this::onBridgeEvent));
        webroot = Webroot.open();
        router.route().handler(StaticHandler.create(FileSystemAccess.ROOT, webroot.dir().toString())
                .setIndexPage("index.html"));
        http = vertx.createHttpServer(new HttpServerOptions().setHost(options.bind()).setPort(options.port()))
                .requestHandler(router)
                .listen()
                .toCompletionStage().toCompletableFuture().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        access.allowHosts(hostNames(bind, http.actualPort()));
    }

    /** What a request's {@code Host} may be: the loopback names, and the bound address, with the port. */
    private static Set<String> hostNames(InetAddress bind, int port) {
        List<String> names = new ArrayList<>(List.of("127.0.0.1", "localhost", "[::1]"));
        if (!bind.isLoopbackAddress() && !bind.isAnyLocalAddress()) {
            String address = bind.getHostAddress();
            names.add(address.contains(":") ? "[" + address + "]" : address);
        }
        return Set.copyOf(names.stream().map(n -> n + ":" + port).toList());
    }

    /** Bridge frames: registrations need the token; nothing is sent into the server's bus. */
    private void onBridgeEvent(BridgeEvent event) {
        switch (event.type()) {
            case REGISTER -> event.complete(access.allowsRegistration(event));
            case SEND, PUBLISH -> event.complete(false);
            default -> event.complete(true);
        }
    }

    /** The port the server listens on. */
    public int port() {
        return http.actualPort();
    }

    /** The URL of the page, with the token: on 127.0.0.1 unless the server listens on another address only. */
    public String url() {
        InetAddress bind = checkBind(options.bind(), options.allowRemote());
        String host = bind.isLoopbackAddress() || bind.isAnyLocalAddress() ? "127.0.0.1" : bind.getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/?token=" + options.token();
    }

    /** The ids of the spaces served, in the order of the images. */
    public List<String> spaceIds() {
        return List.copyOf(spaces.keySet());
    }

    public Vertx vertx() {
        return vertx;
    }

    Options options() {
        return options;
    }

    Map<String, LiveSpace> spaces() {
        return spaces;
    }

    /** The space of a request's {@code :id}, or null (the request then ended with 404). */
    LiveSpace space(RoutingContext ctx) {
        LiveSpace space = spaces.get(ctx.pathParam("id"));
        if (space == null) {
            Api.fail(ctx, 404, "no space '" + ctx.pathParam("id") + "' (GET /api/spaces lists them)");
        }
        return space;
    }

    /** Stops serving and closes every space: the journals' writer locks are let go. */
    @Override
    public void close() {
        try {
            if (http != null) {
                http.close().toCompletionStage().toCompletableFuture().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // Closing anyway: the spaces and the journals matter more than the socket.
        }
        spaces.values().forEach(LiveSpace::close);
        if (webroot != null) {
            webroot.close();
        }
        Future<Void> closed = vertx.close();
        try {
            closed.toCompletionStage().toCompletableFuture().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Vert.x's threads are daemons: the JVM may end without them.
        }
    }
}
