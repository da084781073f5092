package org.ozworkbench.core.mirror;

/**
 * A value a guest slot can hold, seen from the host: a {@link SmallInteger} or a mirror of a
 * guest object. Nothing else can be stored into the guest.
 */
public sealed interface GuestValue permits SmallInteger, ObjectMirror {
}
