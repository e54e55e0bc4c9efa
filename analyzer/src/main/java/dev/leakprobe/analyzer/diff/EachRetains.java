package dev.leakprobe.analyzer.diff;

import java.util.List;

/**
 * What one accumulated object retains, on average in the last dump, and where most of it sits.
 *
 * @param mostly the classes beneath it that hold most of it, outermost first ({@code TempUpload, byte[]}); empty
 *     when no one class beneath holds half
 * @param share the part of {@code averageBytes} the last class of {@code mostly} holds
 */
public record EachRetains(long averageBytes, List<String> mostly, double share) {}
