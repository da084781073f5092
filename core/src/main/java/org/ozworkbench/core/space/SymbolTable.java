package org.ozworkbench.core.space;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ozworkbench.core.contract.Contract;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.memory.MembraneException;
import org.ozworkbench.core.memory.ObjectFormat;

/**
 * The guest's Symbol table, as the guest's own {@code Symbol class>>intern:} keeps it
 * (V3-FACTS section 11): Symbols are found by name, and a new one is put into the very bucket
 * the guest would look in, so the guest never makes a duplicate. Public for its bucketing rules
 * ({@link #numArgs}, {@link #stringHash}), which a bootstrap seed follows too.
 */
public final class SymbolTable {
    private static final String SINGLE_CHAR_SYMBOLS = "SingleCharSymbols";
    private static final String SELECTOR_TABLES = "SelectorTables";
    private static final String OTHER_TABLE = "OtherTable";
    private static final int SINGLE_CHAR_LIMIT = 128;
    private static final int MAX_SELECTOR_TABLE = 5;
    private static final int EMPTY_STRING_HASH = 21845;
    private static final int SINGLE_CHAR_HASH_FACTOR = 106;
    private static final int FIRST_CHAR_HASH_FACTOR = 48;

    private final ObjectSpace space;
    private Map<String, GuestObject> byName;
    /** How many of the memory's objects the index has looked at: those after it are looked at on a miss. */
    private int indexedObjects;

    SymbolTable(ObjectSpace space) {
        this.space = space;
    }

    Optional<GuestObject> lookup(String name) {
        return Optional.ofNullable(indexed(name));
    }

    GuestObject intern(String name) {
        GuestObject existing = indexed(name);
        if (existing != null) {
            return existing;
        }
        GuestObject symbol = space.membrane().create(space.symbolClass(), ObjectFormat.BYTES, new Object[0], new int[0],
                ObjectSpace.latin1(name));
        Contract.SymbolTable kind = space.contract().symbolTable();
        if (kind != Contract.SymbolTable.NONE) {
            addToBucket(name, symbol, kind == Contract.SymbolTable.S3);
        }
        byName.put(name, symbol);
        return symbol;
    }

    /**
     * The Symbol of this name in the index, unless it is a created one whose creation was undone
     * since (an aborted surgery takes back the Symbols it interned): that one is forgotten.
     */
    private GuestObject indexed(String name) {
        GuestObject symbol = index().get(name);
        if (symbol == null && indexObjectsSince()) {
            symbol = byName.get(name);
        }
        if (symbol != null && !symbol.isFromSnapshot() && space.memory().created(symbol.createdIndex()) != symbol) {
            byName.remove(name);
            return null;
        }
        return symbol;
    }

    private Map<String, GuestObject> index() {
        if (byName == null) {
            byName = new HashMap<>();
            indexedObjects = 0;
            indexObjectsSince();
        }
        return byName;
    }

    /**
     * Adds the Symbols among the objects the index has not looked at yet (those the guest made
     * itself since, e.g. by {@code asSymbol} in code the host ran); answers whether there were any
     * objects to look at.
     */
    private boolean indexObjectsSince() {
        List<GuestObject> objects = space.memory().objects();
        int start = Math.min(indexedObjects, objects.size());
        if (start == objects.size()) {
            indexedObjects = start;
            return false;
        }
        GuestObject symbolClass = space.symbolClass();
        for (GuestObject o : objects.subList(start, objects.size())) {
            if (o.cls() == symbolClass) {
                byName.putIfAbsent(space.stringOf(o), o);
            }
        }
        indexedObjects = objects.size();
        return true;
    }

    /** The table and slot index where the guest keeps a Symbol of this name. */
    private record Place(GuestObject table, int index) {
    }

    private void addToBucket(String name, GuestObject symbol, boolean reuseNilSlot) {
        Place place = placeOf(name);
        GuestObject nil = space.memory().nil();
        Object current = place.table.pointerAt(place.index);
        if (place.table == classVariable(SINGLE_CHAR_SYMBOLS)) {
            space.membrane().storePointer(place.table, place.index, symbol);
            return;
        }
        if (!(current instanceof GuestObject bucket) || !bucket.isPointers()) {
            throw MembraneException.invalid("symbol table bucket for '" + name + "' is not an Array");
        }
        if (reuseNilSlot) {
            Object[] slots = bucket.pointers();
            for (int i = 0; i < slots.length; i++) {
                if (slots[i] == nil) {
                    space.membrane().storePointer(bucket, i, symbol);
                    return;
                }
            }
        }
        Object[] grown = Arrays.copyOf(bucket.pointers(), bucket.pointerCount() + 1);
        grown[grown.length - 1] = symbol;
        GuestObject copy = space.membrane().create(bucket.cls(), bucket.format(), grown, new int[0], new byte[0]);
        space.membrane().storePointer(place.table, place.index, copy);
    }

    /** Where the guest's Symbol class>>intern: looks for a Symbol of this name. */
    private Place placeOf(String name) {
        if (name.length() == 1 && name.charAt(0) < SINGLE_CHAR_LIMIT) {
            return new Place(classVariable(SINGLE_CHAR_SYMBOLS), name.charAt(0));
        }
        char first = name.isEmpty() ? 0 : name.charAt(0);
        int numArgs = numArgs(name);
        if (first >= 'a' && first <= 'z' && numArgs >= 0) {
            GuestObject tables = classVariable(SELECTOR_TABLES);
            GuestObject table = (GuestObject) tables.pointerAt(Math.min(numArgs, MAX_SELECTOR_TABLE));
            return new Place(table, first - 'a');
        }
        GuestObject other = classVariable(OTHER_TABLE);
        return new Place(other, Math.floorMod(stringHash(name), other.pointerCount()));
    }

    private GuestObject classVariable(String name) {
        int poolSlot = space.contract().get(Slot.CLASS_POOL);
        Object pool = space.symbolClass().pointerAt(poolSlot);
        if (!(pool instanceof GuestObject dictionary)) {
            throw MembraneException.invalid("class Symbol has no class pool");
        }
        GuestDictionary d = new GuestDictionary(space, dictionary);
        GuestObject association = d.associationAt(name).orElseThrow(() -> MembraneException.invalid(
                "class Symbol has no class variable " + name + ": cannot intern into this image's symbol table"));
        Object value = d.valueOf(association);
        if (!(value instanceof GuestObject table) || !table.isPointers()) {
            throw MembraneException.invalid("Symbol's " + name + " is not an Array");
        }
        return table;
    }

    /** Squeak's String>>numArgs for selectors that start with a lowercase letter; -1 for a name that is no selector. */
    public static int numArgs(String s) {
        int colons = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colons++;
            } else if (!Character.isLetterOrDigit(c) || c > 0x7F) {
                return -1;
            }
        }
        if (colons == 0) {
            return 0;
        }
        return s.charAt(s.length() - 1) == ':' ? colons : -1;
    }

    /** The old Squeak String>>hash the symbol table buckets by. */
    public static int stringHash(String s) {
        int size = s.length();
        if (size == 0) {
            return EMPTY_STRING_HASH;
        }
        if (size == 1) {
            return (s.charAt(0) & 0x7F) * SINGLE_CHAR_HASH_FACTOR;
        }
        int m = size == 2 ? 3 : size;
        return s.charAt(0) * FIRST_CHAR_HASH_FACTOR + s.charAt(m - 2) + size;
    }

    /** True when the guest would find this Symbol in the bucket the rule predicts (for tests). */
    boolean isWhereGuestLooks(GuestObject symbol) {
        String name = space.stringOf(symbol);
        Place place = placeOf(name);
        Object bucket = place.table.pointerAt(place.index);
        if (bucket == symbol) {
            return true;
        }
        return bucket instanceof GuestObject b && b.isPointers() && Arrays.asList(b.pointers()).contains(symbol);
    }
}
