package dev.leakprobe.agent.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the parallel way cannot run, every dump goes to the serial dumper, untouched. */
class ParallelHeapDumperTest {

    private final List<String> serialCalls = new ArrayList<>();
    private final HeapDumper serial = (file, live) -> serialCalls.add(file.getFileName() + " live=" + live);

    @Test
    void oneProcessorDumpsSeriallyWithoutTouchingTheAttachListener() throws Exception {
        HeapDumper dumper = new ParallelHeapDumper(serial, 1);
        dumper.dump(Path.of("/nowhere/.partial-a.hprof"), true);
        dumper.dump(Path.of("/nowhere/.partial-b.hprof"), false);

        assertThat(serialCalls).containsExactly(".partial-a.hprof live=true", ".partial-b.hprof live=false");
    }

    @Test
    void theTestJdkBeforeParallelDumpsDumpsSerially() throws Exception {
        // This module's tests run on JDK 17; SignalDumpIT covers JDK 25 end to end.
        assumeTrue(Runtime.version().feature() < ParallelHeapDumper.FIRST_JDK_WITH_PARALLEL);
        new ParallelHeapDumper(serial, 8).dump(Path.of("/nowhere/.partial-c.hprof"), true);
        assertThat(serialCalls).containsExactly(".partial-c.hprof live=true");
    }
}
