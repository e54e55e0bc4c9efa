package dev.leakprobe.demo.http.core;

/** What a server does with one well-formed request. May throw: the client then gets a 500 and the server goes on. */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws Exception;
}
