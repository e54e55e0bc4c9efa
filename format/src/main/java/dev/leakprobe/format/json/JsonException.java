package dev.leakprobe.format.json;

import java.io.IOException;

/** A file that is not the JSON its reader expects; readers of optional files treat it as absent. */
public final class JsonException extends IOException {

    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }
}
