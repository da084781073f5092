/**
 * Symbolic names of guest objects, so a change recorded on one image can be applied to a recovered
 * copy of the same system, where every object has moved.
 *
 * <p>{@link org.ozworkbench.core.space.names.ObjectName} is the value (records behind a sealed
 * interface) with a stable text form for journals: {@code special:nil}, {@code #do:},
 * {@code Array}, {@code Array class}, {@code Array>>do:}, {@code Smalltalk@Transcript},
 * {@code Symbol.OtherTable}, {@code $a}, and paths from those such as
 * {@code Smalltalk@Transcript/value} or {@code Smalltalk@TextConstants/value/key:#CR/value}.
 * {@link org.ozworkbench.core.space.names.SymbolicNames} names the objects of a space and resolves
 * names in a space, answering a {@link org.ozworkbench.core.space.names.Resolution} that says why
 * a name is missing or ambiguous rather than guessing.
 *
 * <pre>{@code
 * ObjectName name;
 * try (SymbolicNames here = SymbolicNames.of(original)) {
 *     name = here.nameOf(target).orElseThrow();          // e.g. Point>>x
 * }
 * try (SymbolicNames there = SymbolicNames.of(recovered)) {
 *     GuestObject same = there.require(ObjectName.parse(name.toString()));
 * }
 * }</pre>
 */
package org.ozworkbench.core.space.names;
