package org.ozworkbench.core.space.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.contract.SpecialObject;
import org.ozworkbench.core.space.names.ObjectName.CharacterNamed;
import org.ozworkbench.core.space.names.ObjectName.ClassNamed;
import org.ozworkbench.core.space.names.ObjectName.ClassVariableBinding;
import org.ozworkbench.core.space.names.ObjectName.Field;
import org.ozworkbench.core.space.names.ObjectName.GlobalBinding;
import org.ozworkbench.core.space.names.ObjectName.IdentityKey;
import org.ozworkbench.core.space.names.ObjectName.IntegerKey;
import org.ozworkbench.core.space.names.ObjectName.KeyStep;
import org.ozworkbench.core.space.names.ObjectName.MetaclassNamed;
import org.ozworkbench.core.space.names.ObjectName.MethodNamed;
import org.ozworkbench.core.space.names.ObjectName.Path;
import org.ozworkbench.core.space.names.ObjectName.Slot;
import org.ozworkbench.core.space.names.ObjectName.Special;
import org.ozworkbench.core.space.names.ObjectName.SpecialObjects;
import org.ozworkbench.core.space.names.ObjectName.StringKey;
import org.ozworkbench.core.space.names.ObjectName.SymbolNamed;

/** The text form of names: what each kind looks like, and that reading gives back what was written. */
class ObjectNameTest {

    @Test
    void eachKindOfNameHasTheTextTheGrammarGives() {
        assertThat(Special.of(SpecialObject.NIL)).hasToString("special:nil");
        assertThat(Special.of(SpecialObject.SCHEDULER_ASSOCIATION)).hasToString("special:scheduler-association");
        assertThat(new Special(35)).hasToString("special:35");
        assertThat(new SpecialObjects()).hasToString("special:objects");
        assertThat(new SymbolNamed("do:")).hasToString("#do:");
        assertThat(new SymbolNamed("//")).hasToString("#'//'");
        assertThat(new SymbolNamed("it's")).hasToString("#'it''s'");
        assertThat(new ClassNamed("Array")).hasToString("Array");
        assertThat(new MetaclassNamed("Array")).hasToString("Array class");
        assertThat(new MethodNamed(new ClassNamed("Array"), "do:")).hasToString("Array>>do:");
        assertThat(new MethodNamed(new MetaclassNamed("Array"), "new:")).hasToString("Array class>>new:");
        assertThat(new MethodNamed(new ClassNamed("Number"), ">=")).hasToString("Number>>>=");
        assertThat(new GlobalBinding("Transcript")).hasToString("Smalltalk@Transcript");
        assertThat(new ClassVariableBinding("SystemDictionary", "VersionString")).hasToString("SystemDictionary.VersionString");
        assertThat(new CharacterNamed('a')).hasToString("$a");
        assertThat(new CharacterNamed(' ')).hasToString("$#32");
        assertThat(new Path(new ClassNamed("Point"), List.of(new Field("methodDict"), new Slot(3))))
                .hasToString("Point/methodDict/3");
        assertThat(new Path(new GlobalBinding("TextConstants"), List.of(new Field("value"),
                new KeyStep(new IdentityKey(new SymbolNamed("CR"))), new Field("value"))))
                .hasToString("Smalltalk@TextConstants/value/key:#CR/value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"special:nil", "special:class-array", "special:35", "special:objects", "#do:", "#+",
        "#'//'", "#'hello world'", "#'it''s'", "#''", "Array", "Array class", "Array>>do:", "Array class>>new:",
        "Number>>>=", "Number>>'//'", "Smalltalk@Transcript", "Smalltalk@'odd key'", "Symbol.OtherTable", "$a",
        "$/", "$$", "$#", "$#0", "$#255", "Point/methodDict", "Point/1/3", "special:nil/0",
        "Smalltalk@World/value/submorphs/3/owner", "Foo/key:#bar/value", "Foo/key:'a/b'/value", "Foo/key:-7",
        "Foo/key:42/key", "Foo/key:Array class/value", "Foo/key:$//value", "Foo/key:special:nil",
        "Array class>>new:/1", "$#/0", "Object.DependentsFields/value/key:Morph"})
    void readingTheTextOfANameGivesTheSameTextBack(String text) {
        ObjectName name = ObjectName.parse(text);
        assertThat(name).hasToString(text);
        assertThat(ObjectName.parse(name.toString())).isEqualTo(name);
    }

    @Test
    void textIsReadIntoTheRecordsItNames() {
        assertThat(ObjectName.parse("Array class>>new:"))
                .isEqualTo(new MethodNamed(new MetaclassNamed("Array"), "new:"));
        assertThat(ObjectName.parse("Foo/key:'x'/key:7/value")).isEqualTo(new Path(new ClassNamed("Foo"),
                List.of(new KeyStep(new StringKey("x")), new KeyStep(new IntegerKey(7)), new Field("value"))));
        assertThat(ObjectName.parse("$#/0")).isEqualTo(new Path(new CharacterNamed('#'), List.of(new Slot(0))));
        assertThat(ObjectName.parse("special:scheduler-association")).isEqualTo(Special.of(SpecialObject.SCHEDULER_ASSOCIATION));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Array>>", "Array.", "Array class.X", "special:", "special:bogus", "#",
        "$", "$#256", "Array/", "Array//3", "Array/3x", "Foo/key:", "Foo/key:Array>>do:", "#'open", "Array clas",
        "Smalltalk@", "Foo/key:-", "Array/99999999999"})
    void badTextIsRefusedWithTheTextThePositionAndWhatWasExpected(String text) {
        assertThatThrownBy(() -> ObjectName.parse(text))
                .isInstanceOf(NameSyntaxException.class)
                .hasMessageStartingWith("bad object name \"" + text + "\" at ")
                .message().doesNotContain("\n");
    }

    @Test
    void recordsRefuseWhatTheGrammarCannotSpell() {
        assertThatThrownBy(() -> new ClassNamed("two words")).hasMessageContaining("identifier");
        assertThatThrownBy(() -> new CharacterNamed(256)).hasMessageContaining("0 to 255");
        assertThatThrownBy(() -> new Path(new ClassNamed("A"), List.of())).hasMessageContaining("at least one step");
        assertThatThrownBy(() -> new IdentityKey(new GlobalBinding("X"))).hasMessageContaining("a key is");
        assertThatThrownBy(() -> new SymbolNamed("\u2603")).hasMessageContaining("Latin-1");
    }
}
