package dev.leakprobe.demo.http.core;

/** A request we cannot read: answered with {@link #status()} and a one-line reason, then the connection closes. */
public final class BadRequest extends Exception {

    private final int status;

    BadRequest(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
