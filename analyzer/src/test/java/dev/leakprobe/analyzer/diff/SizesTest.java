package dev.leakprobe.analyzer.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void simpleNamesDropThePackageAndKeepNestingAndArrays() {
        assertThat(Sizes.simpleName("java.util.HashMap$Node[]")).isEqualTo("HashMap$Node[]");
        assertThat(Sizes.simpleName("int[]")).isEqualTo("int[]");
        assertThat(Sizes.simpleName("Plain")).isEqualTo("Plain");
    }

    @Test
    void lambdaClassesLoseTheirRunSpecificNumberAndAddress() {
        assertThat(Sizes.simpleName("a.b.ChatServer$$Lambda$136+0x00007f4a24091608"))
                .isEqualTo("ChatServer$$Lambda");
        assertThat(Sizes.simpleName("a.b.ChatServer$$Lambda$136/0x0000000800c02a00"))
                .isEqualTo("ChatServer$$Lambda");
        assertThat(Sizes.simpleName("a.b.ChatServer$$Lambda/0x0000000800c02a00"))
                .isEqualTo("ChatServer$$Lambda");
    }

    @Test
    void parsesTheSizeGrammarOfTheCliAndTheLeakTest() {
        assertThat(Sizes.parse("0B")).isZero();
        assertThat(Sizes.parse("64KB")).isEqualTo(64L << 10);
        assertThat(Sizes.parse("1.5GiB")).isEqualTo(3L << 29);
        assertThatThrownBy(() -> Sizes.parse("a lot"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a size: 'a lot' (try 512m, 512MB or 1.5GiB)");
    }
}
