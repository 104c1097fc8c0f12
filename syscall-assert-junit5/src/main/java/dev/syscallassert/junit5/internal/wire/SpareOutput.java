package dev.syscallassert.junit5.internal.wire;

/**
 * A spare child's stdout and stderr: first its warm-up's, then a line that says its test begins, then the test's. The
 * child writes the line ({@link #announceTestBegins}); the test JVM relays only what follows it ({@link #ofTheTest}).
 */
public final class SpareOutput {

    /** Cannot be mistaken for a test's own output: it starts and ends with a control character. */
    private static final String TEST_BEGINS = "\u0001syscall-assert: the spare child JVM begins its test\u0001\n";

    private SpareOutput() {
    }

    /** Child: everything printed so far was the warm-up's. */
    public static void announceTestBegins() {
        System.out.flush();
        System.err.flush();
        System.out.print(TEST_BEGINS);
        System.out.flush();
        System.err.print(TEST_BEGINS);
        System.err.flush();
    }

    /** Test JVM: a spare's output after it got its test; all of it when it never got there (it says why it died). */
    public static String ofTheTest(String output) {
        int at = output.indexOf(TEST_BEGINS);
        return at < 0 ? output : output.substring(at + TEST_BEGINS.length());
    }
}
