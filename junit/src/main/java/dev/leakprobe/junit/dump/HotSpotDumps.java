package dev.leakprobe.junit.dump;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;

/** The only class that names {@code com.sun.management}: loaded once {@link LiveHeapDumper} knows it is there. */
final class HotSpotDumps {

    private final HotSpotDiagnosticMXBean bean;

    private HotSpotDumps(HotSpotDiagnosticMXBean bean) {
        this.bean = bean;
    }

    static HotSpotDumps platform() {
        HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (bean == null) {
            throw new IllegalArgumentException("no platform HotSpotDiagnosticMXBean");
        }
        return new HotSpotDumps(bean);
    }

    void dumpHeap(String file, boolean live) throws IOException {
        bean.dumpHeap(file, live);
    }
}
