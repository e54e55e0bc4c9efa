package dev.leakprobe.agent.alloc;

import java.security.ProtectionDomain;

/**
 * Defines a class in the bootstrap class loader. {@link BootstrapInjector} loads this class alone into a class loader
 * of its own and exports {@value #UNSAFE_PACKAGE} to that loader's module only; the copy the agent's loader holds is
 * never called. Plain reflection, as javac's {@code --release 17} refuses {@code --add-exports}.
 */
public final class BootClassDefiner {

    static final String UNSAFE_PACKAGE = "jdk.internal.misc";

    private BootClassDefiner() {}

    public static Class<?> define(String name, byte[] bytes) throws ReflectiveOperationException {
        Class<?> unsafeClass = Class.forName(UNSAFE_PACKAGE + ".Unsafe");
        Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
        return (Class<?>) unsafeClass
                .getMethod(
                        "defineClass",
                        String.class,
                        byte[].class,
                        int.class,
                        int.class,
                        ClassLoader.class,
                        ProtectionDomain.class)
                .invoke(unsafe, name, bytes, 0, bytes.length, null, null);
    }
}
