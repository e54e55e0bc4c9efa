package dev.leakprobe.agent.dump;

import java.nio.file.Path;

/**
 * Writes one more file beside a finished heap dump, such as the allocation sites of live direct buffers.
 *
 * <p>Called on the agent's dump thread after the dump file is complete; a failure is logged as one line and never
 * stops the dump or the other writers.
 */
public interface DumpSidecarWriter {

    void writeBeside(Path dumpFile) throws Exception;
}
