package dev.leakprobe.demo.http.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestReaderTest {

    @Test
    void readsTwoKeepAliveRequestsWithTheirHeadersInOrderAndTheirBodies() throws Exception {
        RequestReader reader =
                reader("POST /a?b=1 HTTP/1.1\r\nHost: x\r\nX-One:  1 \r\nContent-Length: 6\r\n\r\nh\u00c3\u00a9llo"
                        + "\r\nGET /next HTTP/1.0\nConnection: keep-alive\n\n");

        Request first = reader.next();
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.target()).isEqualTo("/a?b=1");
        assertThat(first.headers())
                .extracting(h -> h.getKey() + "=" + h.getValue())
                .containsExactly("Host=x", "X-One=1", "Content-Length=6");
        assertThat(first.bodyText()).isEqualTo("héllo");
        assertThat(first.keepAlive()).isTrue();

        Request second = reader.next();
        assertThat(second.target()).isEqualTo("/next");
        assertThat(second.keepAlive()).as("HTTP/1.0 asked for keep-alive").isTrue();
        assertThat(reader.next()).as("a clean end between requests").isNull();
    }

    @Test
    void refusesWhatIsMalformedOrTooBigWithTheStatusToAnswer() {
        assertStatus("GARBAGE\r\n\r\n", 400);
        assertStatus("GET / HTTP/2.0\r\n\r\n", 400);
        assertStatus("GET /\u0001 HTTP/1.1\r\n\r\n", 400);
        assertStatus("GET / HTTP/1.1\r\n: no name\r\n\r\n", 400);
        assertStatus("GET / HTTP/1.1\r\nX: \u001b[2J\r\n\r\n", 400);
        assertStatus("POST / HTTP/1.1\r\nContent-Length: ten\r\n\r\n", 400);
        assertStatus("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 411);
        assertStatus("POST / HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n", 413);
        assertStatus("GET /" + "a".repeat(RequestReader.MAX_LINE) + " HTTP/1.1\r\n\r\n", 414);
        assertStatus("GET / HTTP/1.1\r\n" + "X: y\r\n".repeat(RequestReader.MAX_HEADERS + 1) + "\r\n", 431);
    }

    @Test
    void aClientThatGoesAwayMidRequestIsAnEndOfFileNotABadRequest() {
        assertThatThrownBy(() -> reader("GET / HTTP/1.1\r\nHost").next()).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> reader("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")
                        .next())
                .isInstanceOf(EOFException.class);
    }

    private static void assertStatus(String raw, int status) {
        assertThatThrownBy(() -> reader(raw).next())
                .isInstanceOfSatisfying(
                        BadRequest.class, e -> assertThat(e.status()).as(raw).isEqualTo(status));
    }

    private static RequestReader reader(String raw) {
        return new RequestReader(new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
