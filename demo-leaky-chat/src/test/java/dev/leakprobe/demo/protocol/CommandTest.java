package dev.leakprobe.demo.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandTest {

    @Test
    void parsesEveryVerbCaseInsensitively() {
        assertThat(Command.parse("JOIN room1")).isEqualTo(new Command.Join("room1"));
        assertThat(Command.parse("join room-2.x:y_z")).isEqualTo(new Command.Join("room-2.x:y_z"));
        assertThat(Command.parse("MSG hello  world ")).isEqualTo(new Command.Msg("hello  world"));
        assertThat(Command.parse("leave")).isEqualTo(new Command.Leave());
        assertThat(Command.parse("QUIT")).isEqualTo(new Command.Quit());
        assertThat(Command.parse("Stats")).isEqualTo(new Command.Stats());
    }

    @Test
    void badLinesBecomeInvalidWithAReason() {
        assertThat(Command.parse("")).isEqualTo(new Command.Invalid("empty line"));
        assertThat(Command.parse("JOIN")).isInstanceOf(Command.Invalid.class);
        assertThat(Command.parse("JOIN two words")).isInstanceOf(Command.Invalid.class);
        assertThat(Command.parse("JOIN " + "r".repeat(65))).isInstanceOf(Command.Invalid.class);
        assertThat(Command.parse("MSG")).isEqualTo(new Command.Invalid("MSG needs text"));
        assertThat(Command.parse("QUIT now")).isEqualTo(new Command.Invalid("QUIT takes no argument"));
        assertThat(Command.parse("HELLO there")).isEqualTo(new Command.Invalid("unknown command HELLO"));
    }

    @Test
    void controlBytesAreGarbageButTabAndLineEndsAreNot() {
        assertThat(Protocol.isGarbage((byte) 0)).isTrue();
        assertThat(Protocol.isGarbage((byte) 0x1b)).isTrue();
        assertThat(Protocol.isGarbage((byte) 0x7f)).isTrue();
        assertThat(Protocol.isGarbage((byte) '\t')).isFalse();
        assertThat(Protocol.isGarbage((byte) '\r')).isFalse();
        assertThat(Protocol.isGarbage((byte) 'a')).isFalse();
        assertThat(Protocol.isGarbage((byte) 0xc3)).isFalse();
    }
}
