package dev.leakprobe.format.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesNestedObjectsAndArraysThatAParserReadsBack() throws Exception {
        String nasty = "quote\" back\\slash\nnew\ttab\u0001ctl\u2028ls é 日本";
        String json = new JsonWriter()
                .beginObject()
                .field("s", nasty)
                .field("n", 42L)
                .field("b", true)
                .field("nothing", (String) null)
                .fieldOrNull("unknown", -1)
                .fieldOrNull("known", 7)
                .beginObject("inner")
                .field("x", 1)
                .endObject()
                .beginArray("list")
                .value("a")
                .value("b")
                .endArray()
                .field("strings", List.of("x", nasty))
                .endObject()
                .toString();

        JsonNode node = new ObjectMapper().readTree(json);
        assertThat(node.get("s").asText()).isEqualTo(nasty);
        assertThat(node.get("n").asLong()).isEqualTo(42);
        assertThat(node.get("b").asBoolean()).isTrue();
        assertThat(node.get("nothing").isNull()).isTrue();
        assertThat(node.get("unknown").isNull()).isTrue();
        assertThat(node.get("known").asLong()).isEqualTo(7);
        assertThat(node.get("inner").get("x").asInt()).isEqualTo(1);
        assertThat(node.get("list").get(1).asText()).isEqualTo("b");
        assertThat(node.get("strings").get(0).asText()).isEqualTo("x");
        assertThat(node.get("strings").get(1).asText()).isEqualTo(nasty);
        assertThat(json).doesNotContain("\n").contains("\\u0001", "\\u2028");
    }
}
