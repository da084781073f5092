package org.ozworkbench.core.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ozworkbench.core.bytecode.Bytecode;
import org.ozworkbench.core.contract.Contract;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.GuestValue;
import org.ozworkbench.core.mirror.MetaclassMirror;
import org.ozworkbench.core.mirror.MethodBuilder;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.space.ObjectSpace;

/** The scope of a class of a guest space, read through its mirrors. */
public final class GuestClassScope implements ClassScope {
    private final ObjectSpace space;
    private final ClassMirror cls;
    /** The names {@link #instanceVariables()} answers, made at its first call. */
    private List<String> instanceVariables;

    public GuestClassScope(ObjectSpace space, ClassMirror cls) {
        this.space = space;
        this.cls = cls;
    }

    @Override
    public String className() {
        return cls.name();
    }

    @Override
    public List<String> instanceVariables() {
        if (instanceVariables == null) { // asked at each variable reference; a scope serves one compile
            instanceVariables = cls.sourceInstanceVariableNames();
        }
        return instanceVariables;
    }

    /** The instance side: class variables live there for both sides. */
    private ClassMirror instanceSide() {
        return cls instanceof MetaclassMirror m ? m.thisClass() : cls;
    }

    @Override
    public Optional<Literal.Binding> variable(String name) {
        for (ClassMirror c : instanceSide().withAllSuperclasses()) {
            Optional<ObjectMirror> a = c.classPool().map(p -> p.associations().get(name));
            if (a.isPresent()) {
                ObjectMirror shared = space.smalltalk().isPresent() ? a.get() : methodsBinding(name).orElse(a.get());
                return Optional.of(new Literal.Binding(name, shared.ref()));
            }
            Optional<ObjectMirror> pooled = sharedPoolAssociation(c, name);
            if (pooled.isPresent()) {
                return Optional.of(new Literal.Binding(name, pooled.get().ref()));
            }
        }
        return MethodBuilder.bindingOf(space, name).map(a -> new Literal.Binding(name, a.ref()));
    }

    /**
     * The Association for {@code name} the methods of the class's hierarchy refer to. Without a
     * SystemDictionary (Candle) they are what binds a class variable: Candle's methods share
     * Associations that are not those of the class pool.
     */
    private Optional<ObjectMirror> methodsBinding(String name) {
        for (ClassMirror c : instanceSide().withAllSuperclasses()) {
            Optional<ObjectMirror> binding = c.methodsBinding(name);
            if (binding.isPresent()) {
                return binding;
            }
        }
        return Optional.empty();
    }

    private Optional<ObjectMirror> sharedPoolAssociation(ClassMirror c, String name) {
        if (!space.contract().has(Slot.CLASS_SHARED_POOLS)) {
            return Optional.empty();
        }
        GuestValue pools = c.slot(space.contract().get(Slot.CLASS_SHARED_POOLS));
        if (!(pools instanceof ObjectMirror collection) || collection.isNil() || !collection.guestObject().isPointers()) {
            return Optional.empty();
        }
        for (GuestValue pool : elements(collection)) {
            if (pool instanceof ObjectMirror dictionary && !dictionary.isNil() && dictionary.guestObject().isPointers()) {
                ObjectMirror a = space.dictionaryAssociations(dictionary).get(name);
                if (a != null) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

    /** The elements of an Array, or of an OrderedCollection (its array from firstIndex to lastIndex). */
    private static List<GuestValue> elements(ObjectMirror collection) {
        List<String> ivars = collection.classMirror().allInstanceVariableNames();
        if (ivars.containsAll(List.of("array", "firstIndex", "lastIndex"))
                && collection.instVarNamed("array") instanceof ObjectMirror array
                && collection.instVarNamed("firstIndex") instanceof org.ozworkbench.core.mirror.SmallInteger first
                && collection.instVarNamed("lastIndex") instanceof org.ozworkbench.core.mirror.SmallInteger last) {
            List<GuestValue> all = array.slots();
            return all.subList(Math.max(0, first.value() - 1), Math.min(all.size(), last.value()));
        }
        return collection.slots();
    }

    @Override
    public Literal methodClassLiteral() {
        if (cls instanceof MetaclassMirror) {
            return new Literal.MethodClass(cls.name(), null);
        }
        return new Literal.MethodClass(cls.name(), MethodBuilder.bindingOf(space, cls.name())
                .filter(a -> a.slot(space.contract().get(Slot.ASSOCIATION_VALUE)).equals(cls))
                .map(ObjectMirror::ref).orElse(null));
    }

    @Override
    public List<String> specialSelectors() {
        List<String> selectors = new ArrayList<>();
        Object array = space.memory().specialObject(SpecialObject.SPECIAL_SELECTORS.index());
        if (!(array instanceof GuestObject pairs) || !pairs.isPointers()) {
            return Bytecode.SPECIAL_SELECTORS;
        }
        for (int i = 0; i + 1 < pairs.pointerCount(); i += 2) {
            selectors.add(pairs.pointerAt(i) instanceof GuestObject symbol && symbol.isBytes() ? space.stringOf(symbol)
                    : null);
        }
        return selectors;
    }

    @Override
    public boolean selectorAndClassLiterals() {
        return space.contract().methodLiterals() == Contract.MethodLiterals.SELECTOR_AND_CLASS;
    }

    @Override
    public Map<String, Integer> inlinedSelectorHashes() {
        return space.contract().inlinedSelectorHashes();
    }

    @Override
    public Set<Integer> largeFramePrimitives() {
        return space.contract().largeFramePrimitives();
    }

    @Override
    public int smallFrame() {
        return space.contract().get(Slot.FRAME_SMALL);
    }

    @Override
    public int largeFrame() {
        return space.contract().get(Slot.FRAME_LARGE);
    }
}
