package org.ozworkbench.core.mirror;

import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.space.ObjectSpace;

/** A mirror of a metaclass: the class side of one class. */
public class MetaclassMirror extends ClassMirror {

    public MetaclassMirror(ObjectSpace space, GuestObject object) {
        super(space, object);
    }

    @Override
    public boolean isMeta() {
        return true;
    }

    /** The class whose class side this is. */
    public ClassMirror thisClass() {
        return space.classMirror((GuestObject) object.pointerAt(space.contract().get(Slot.METACLASS_THIS_CLASS)));
    }

    @Override
    public String name() {
        return thisClass().name() + " class";
    }

    @Override
    public MetaclassMirror metaclass() {
        throw new UnsupportedOperationException(name() + " is a metaclass: its class is Metaclass");
    }

    @Override
    public java.util.Optional<String> category() {
        return thisClass().category();
    }
}
