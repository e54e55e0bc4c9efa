package dev.leakprobe.format.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsBackWhatTheWriterWrites() throws Exception {
        String nasty = "quote\" back\\slash\nnew\ttab\u0001ctl\u2028ls é 日本";
        String json = new JsonWriter()
                .beginObject()
                .field("s", nasty)
                .field("n", -42L)
                .field("b", true)
                .field("nothing", (String) null)
                .beginObject("inner")
                .field("x", 1)
                .endObject()
                .field("strings", List.of("x", nasty))
                .endObject()
                .toString();

        JsonObject o = JsonReader.object(json);

        assertThat(o.getString("s")).isEqualTo(nasty);
        assertThat(o.getLong("n", 0)).isEqualTo(-42);
        assertThat(o.getBoolean("b", false)).isTrue();
        assertThat(o.has("nothing")).isFalse();
        assertThat(o.getString("nothing")).isNull();
        assertThat(o.getObject("inner").getLong("x", 0)).isEqualTo(1);
        assertThat(o.getStrings("strings")).containsExactly("x", nasty);
        assertThat(o.getLong("missing", 7)).isEqualTo(7);
    }

    @Test
    void readsNumbersSpacesAndEscapesOfOtherWriters() throws Exception {
        JsonObject o = JsonReader.object(" {\"a\" : 1.5e2 , \"b\":[ ], \"c\":\"\\u00e9\\/\"} ");
        assertThat(o.getDouble("a", 0)).isEqualTo(150.0);
        assertThat(o.getStrings("b")).isEmpty();
        assertThat(o.getString("c")).isEqualTo("é/");
    }

    @Test
    void refusesWhatIsNotJsonOrNotTheExpectedType() throws Exception {
        assertThatThrownBy(() -> JsonReader.object("{\"a\":1")).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> JsonReader.object("{\"a\":1} x")).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> JsonReader.object("[1]")).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> JsonReader.object("{\"a\":\"tab\there\"}")).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> JsonReader.object("[".repeat(10_000))).isInstanceOf(JsonException.class);
        JsonObject o = JsonReader.object("{\"a\":\"1\"}");
        assertThatThrownBy(() -> o.getLong("a", 0))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("'a'");
    }
}
