package dev.leakprobe.analyzer.cli;

import dev.leakprobe.analyzer.diff.Sizes;
import picocli.CommandLine;

/** {@code 10MB}, {@code 512k}, {@code 1.5GiB}, {@code 1000} (bytes) → bytes: the grammar of {@link Sizes#parse}. */
final class SizeConverter implements CommandLine.ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        try {
            return Sizes.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
