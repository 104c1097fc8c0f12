package dev.syscallassert.junit5.internal.host;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a traced test is named in its failure messages and its report's file name, in the test JVM. The one place that
 * reads a test's unique id: one invocation of a {@code @TestTemplate} (parameterized, repeated) ends with
 * {@code [test-template-invocation:#N]}.
 */
final class TestNames {

    private static final Pattern INVOCATION = Pattern.compile("\\[test-template-invocation:#(\\d+)]$");

    private TestNames() {
    }

    /** "Endings.crashes()"; for one invocation of a template with its display name after it: "Params.test() [1] a". */
    static String displayed(ExtensionContext context) {
        String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName()
                + "()";
        return invocation(context).isPresent() ? name + " " + context.getDisplayName() : name;
    }

    /** "crashes", or "test[1]" for the first invocation of a template: the report's file name before its suffix. */
    static String forFileName(ExtensionContext context) {
        String method = context.getRequiredTestMethod().getName();
        OptionalInt invocation = invocation(context);
        return invocation.isPresent() ? method + "[" + invocation.getAsInt() + "]" : method;
    }

    private static OptionalInt invocation(ExtensionContext context) {
        Matcher m = INVOCATION.matcher(context.getUniqueId());
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
