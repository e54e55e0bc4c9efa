package dev.leakprobe.analyzer.diff;

import java.util.List;

/** A direct-buffer allocation site of a suspect, with its live buffers in the last dump. */
public record OffHeapSite(List<String> frames, long liveBytes, long liveCount) {}
