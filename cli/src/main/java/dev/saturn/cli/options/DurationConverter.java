package dev.saturn.cli.options;

import dev.saturn.collectors.time.DurationSpec;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Every duration option: {@link DurationSpec}'s grammar, more than zero ({@link ZeroOrMore} where zero means none). */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return DurationSpec.positive(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** A duration where 0 means none (--profile-gap, as trigger.min_gap in --config: one rule, in TriggerConfig). */
    public static final class ZeroOrMore implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return DurationSpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
