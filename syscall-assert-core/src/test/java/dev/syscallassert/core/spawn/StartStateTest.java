package dev.syscallassert.core.spawn;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** When the file limit HotSpot raised is given back, from /proc/PID/limits texts as the kernel writes them. */
class StartStateTest {
    private static String limits(String soft, String hard) {
        return "Limit                     Soft Limit           Hard Limit           Units     \n"
                + "Max cpu time              unlimited            unlimited            seconds   \n"
                + String.format("Max open files            %-20s %-20s files     %n", soft, hard)
                + "Max locked memory         8388608              8388608              bytes     \n";
    }

    @Test
    void theParentsLowerSoftLimitUnderTheSameHardOneIsGivenBackWhenTheJvmRaisedItsOwn() {
        // ulimit -Sn 1024 in the shell; HotSpot made the JVM's 20000:20000
        assertThat(StartState.decideFileLimit(limits("20000", "20000"), limits("1024", "20000")))
                .isEqualTo(OptionalLong.of(1024));
    }

    @Test
    void otherwiseTheJvmsOwnLimitStays() {
        // -XX:-MaxFDLimit: the JVM's soft limit is not the hard one, so it is the one it was started with
        assertThat(StartState.decideFileLimit(limits("1024", "20000"), limits("512", "20000"))).isEmpty();
        // the parent has another hard limit: it is not where ours came from unchanged
        assertThat(StartState.decideFileLimit(limits("4096", "4096"), limits("1024", "20000"))).isEmpty();
        // a parent JVM that raised its own too (Maven's, for Surefire's fork): the same
        assertThat(StartState.decideFileLimit(limits("20000", "20000"), limits("20000", "20000"))).isEmpty();
        assertThat(StartState.decideFileLimit(limits("20000", "20000"), null)).isEmpty();
        assertThat(StartState.decideFileLimit(limits("unlimited", "unlimited"), limits("1024", "unlimited")))
                .isEqualTo(OptionalLong.of(1024));
    }
}
