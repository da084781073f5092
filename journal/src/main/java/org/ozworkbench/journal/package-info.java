/**
 * The journal: every membrane change of an object space, as events in a Chronicle Queue.
 *
 * <pre>{@code
 * try (Journal journal = Journal.open(dir);
 *      JournalRecorder recorder = JournalRecorder.attach(space, journal)) {
 *     try (Surgery s = space.beginSurgery("Point>>foo")) {
 *         space.classNamed("Point").orElseThrow().compile("foo ^ x + y");
 *         s.commit();                      // durable when this returns
 *     }
 * }
 * try (Journal journal = Journal.open(dir)) {
 *     JournalReport report = journal.report();    // recovering read: problems reported, not thrown
 *     ObjectSpace fresh = ObjectSpace.load(image);
 *     Replayer.onto(fresh).replayAll(report.committed());   // checks the base image and every old value

 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link org.ozworkbench.journal.JournalEvent}: the events, sealed records, written as JSON
 *       with a {@code "schema"} version and a {@code "type"} name by
 *       {@link org.ozworkbench.journal.EventCodec}; a core change is written in the form
 *       {@link org.ozworkbench.journal.ChangeCodec} defines.</li>
 *   <li>{@link org.ozworkbench.journal.Journal}: the Chronicle Queue store; strict reads, a
 *       recovering {@link org.ozworkbench.journal.JournalReport}, and the durability policy.</li>
 *   <li>{@link org.ozworkbench.journal.JournalRecorder}: journals a space's surgeries; a commit
 *       is durable when it returns.</li>
 *   <li>{@link org.ozworkbench.journal.Replayer}: applies recorded changes to a freshly loaded
 *       image, checking each old value.</li>
 * </ul>
 */
package org.ozworkbench.journal;
