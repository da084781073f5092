/**
 * Journal events on the Vert.x event bus.
 *
 * <p>A {@link org.ozworkbench.workbench.bus.JournalPublisher} follows a journal and publishes each
 * event as it is journaled, as a JSON object ({@link org.ozworkbench.workbench.bus.EventMessage}:
 * the event as the journal writes it plus its {@code "index"}), on
 * {@code ozw.space.<spaceId>} and on {@code ozw.space.<spaceId>.<kind>} for its
 * {@link org.ozworkbench.workbench.bus.EventKind} ({@code surgeries}, {@code methods},
 * {@code processes}, {@code classes}, {@code slots}). A tool that starts late uses a
 * {@link org.ozworkbench.workbench.bus.JournalFollower}: it reads the journal from any index,
 * then follows live, each event exactly once, in order.
 *
 * <pre>{@code
 * Vertx vertx = Vertx.vertx();
 * try (Journal journal = Journal.openReadOnly(dir)) {
 *     String space = BusAddress.defaultSpaceId(journal).orElseThrow();
 *     try (JournalPublisher publisher = JournalPublisher.startAtEnd(vertx, journal, space)) {
 *         JournalFollower follower = JournalFollower.follow(vertx, journal, BusAddress.space(space), 0,
 *                 event -> System.out.println(event.encode())).await();
 *         ...
 *         follower.close().await();
 *     }
 * }
 * vertx.close().await();
 * }</pre>
 */
package org.ozworkbench.workbench.bus;
