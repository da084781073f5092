package org.ozworkbench.workbench.server;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Who may use the server: requests addressed to it by one of its own names ({@code Host}), from
 * its own page or from no page ({@code Origin}), and, for the API and the bridge, holding the token.
 */
final class Access {
    static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "Bearer ";

    private final byte[] expected;
    private volatile Set<String> hosts = Set.of();
    private volatile Set<String> origins = Set.of();

    Access(String token) {
        this.expected = (BEARER + token).getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code host:port} names the server answers to, known once it listens. */
    void allowHosts(Set<String> names) {
        hosts = Set.copyOf(names);
        origins = Set.copyOf(names.stream().map(n -> "http://" + n).toList());
    }

    void checkHostAndOrigin(RoutingContext ctx) {
        HostAndPort authority = ctx.request().authority(); // Host, or HTTP/2's :authority
        String host = authority == null ? null : authority.port() < 0 ? authority.host()
                : authority.host() + ":" + authority.port();
        if (host == null || !hosts.contains(host)) {
            Api.fail(ctx, 403, "Host " + host + " is not this server's own (" + String.join(", ", hosts) + ")");
            return;
        }
        String origin = ctx.request().getHeader("Origin");
        if (origin != null && !origins.contains(origin)) {
            Api.fail(ctx, 403, "Origin " + origin + " is not this server's own page");
            return;
        }
        ctx.next();
    }

    void checkToken(RoutingContext ctx) {
        if (!holdsToken(ctx.request().getHeader(AUTHORIZATION))) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            Api.fail(ctx, 401, "missing or wrong token: send 'Authorization: Bearer TOKEN' (the token ozw serve printed)");
            return;
        }
        ctx.next();
    }

    /**
     * A registration on the bridge: its frame's headers hold {@code Authorization: Bearer TOKEN}
     * (a browser's WebSocket cannot send the header with its request), or the connection's
     * request did.
     */
    boolean allowsRegistration(BridgeEvent event) {
        JsonObject raw = event.getRawMessage();
        JsonObject headers = raw == null ? null : raw.getJsonObject("headers");
        if (headers != null && holdsToken(headers.getString(AUTHORIZATION))) {
            return true;
        }
        MultiMap socketHeaders = event.socket().headers();
        return socketHeaders != null && holdsToken(socketHeaders.get(AUTHORIZATION));
    }

    private boolean holdsToken(String authorization) {
        return authorization != null
                && MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8));
    }
}
