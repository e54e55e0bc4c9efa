package dev.leakprobe.demo.http.interceptor;

import java.util.Map;

/**
 * One generation of compiled interceptors: a new loader for every reload, named {@code interceptors-<generation>}
 * (the name shows in heap dumps), defining the classes javac wrote into memory. Its parent is the worker's own
 * loader, where the {@link Interceptor} interface lives.
 */
final class InterceptorClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classFiles;

    InterceptorClassLoader(int generation, Map<String, byte[]> classFiles) {
        super("interceptors-" + generation, Interceptor.class.getClassLoader());
        this.classFiles = Map.copyOf(classFiles);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classFiles.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
