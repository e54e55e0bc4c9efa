package dev.leakprobe.analyzer.cli;

import dev.leakprobe.format.units.ByteSize;
import picocli.CommandLine;

/** {@code 10MB}, {@code 512k}, {@code 1.5GiB}, {@code 1000} (bytes) → bytes: the format module's one size syntax. */
final class SizeConverter implements CommandLine.ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        try {
            return ByteSize.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
