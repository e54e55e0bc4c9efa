package dev.leakprobe.demo.http.interceptor;

import java.util.List;

/** The interceptors of one compile of the folder, in class-name order, and the loader that defined them. */
record Generation(int number, ClassLoader loader, List<Interceptor> interceptors) {

    static final Generation NONE = new Generation(0, null, List.of());

    List<String> names() {
        return interceptors.stream().map(i -> i.getClass().getSimpleName()).toList();
    }

    /** Calls every interceptor's close(); one that throws is said and the others still close. */
    void close(String who) {
        for (Interceptor interceptor : interceptors) {
            try {
                interceptor.close();
            } catch (Exception | LinkageError e) {
                System.err.println(who + ": " + interceptor.getClass().getSimpleName() + ".close() failed: " + e);
            }
        }
    }
}
