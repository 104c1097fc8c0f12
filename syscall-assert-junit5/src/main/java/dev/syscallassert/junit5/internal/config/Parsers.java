package dev.syscallassert.junit5.internal.config;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How configuration values are spelt: the parsers behind the plan's parameters and the annotation's attributes, in
 * the test JVM.
 */
final class Parsers {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?");

    /** A configuration parameter that is on or off: spelt true or false, nothing else. */
    enum TrueOrFalse { TRUE, FALSE }

    private Parsers() {
    }

    /** A value among the constants of {@code type}, written in lower case with '-' for '_': "test-start". */
    static <E extends Enum<E>> E parseEnum(Class<E> type, String key, String value) {
        for (E e : type.getEnumConstants()) {
            if (spelling(e).equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw new ExtensionConfigurationException("Configuration parameter " + key + " = \"" + value
                + "\" is not one of " + Arrays.stream(type.getEnumConstants())
                .map(Parsers::spelling).collect(Collectors.joining(", ")));
    }

    private static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A whole number of at least 1; {@code key} names the parameter in the message. */
    static int parsePositive(String key, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ExtensionConfigurationException("Configuration parameter " + key + " = \"" + value
                + "\" is not a whole number of at least 1");
    }

    /** "30 s", "500 ms", "2 m", "1 h"; a bare number is seconds. {@code what} names the value in the message. */
    static Duration parseDuration(String text, String what) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ExtensionConfigurationException(what + " = \"" + text
                    + "\" is not a duration; write it as \"30 s\", \"500 ms\", \"2 m\" or \"1 h\"");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d;
        switch (unit) {
            case "ms": d = Duration.ofMillis(n); break;
            case "m": case "min": d = Duration.ofMinutes(n); break;
            case "h": d = Duration.ofHours(n); break;
            default: d = Duration.ofSeconds(n);
        }
        if (d.isZero()) {
            throw new ExtensionConfigurationException(what + " = \"" + text + "\" must be more than zero");
        }
        return d;
    }
}
