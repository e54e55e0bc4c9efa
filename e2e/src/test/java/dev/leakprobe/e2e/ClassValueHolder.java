package dev.leakprobe.e2e;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import javax.management.ObjectName;

/**
 * A program that keeps data the way dynamic-language runtimes keep class metadata: through {@link ClassValue}, whose
 * values hang off {@code Class.classValueMap}, a field that HPROF class records do not carry. It attaches 200 values
 * of 256 KB (50 MB in all) to 200 array classes, asks the agent for a dump over JMX, prints the dump's path and exits.
 */
public final class ClassValueHolder {

    static final int CLASSES = 200;

    static final ClassValue<byte[][]> METADATA = new ClassValue<>() {
        @Override
        protected byte[][] computeValue(Class<?> type) {
            return new byte[64][4096];
        }
    };

    public static void main(String[] args) throws Exception {
        Class<?> type = Object.class;
        for (int i = 0; i < CLASSES; i++) {
            type = Array.newInstance(type, 0).getClass();
            METADATA.get(type);
        }
        ObjectName agent = new ObjectName("dev.leakprobe:type=Agent");
        var server = ManagementFactory.getPlatformMBeanServer();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!server.isRegistered(agent)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent's MBean never appeared");
            }
            Thread.sleep(50); // Polling for the agent's start-up, bounded by the deadline above.
        }
        System.out.println("dump " + server.invoke(agent, "dumpHeap", null, null));
        // Keep the values alive until the dump is written.
        System.out.println(METADATA.get(type).length);
    }
}
