package dev.syscallassert.assertj;

import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;

/** {@code noNetworkCalls}, {@code noUnixSocketCalls}: each offending call in strace form, its thread and why. */
final class ShouldNotHaveNetworkCalls extends TraceErrorMessage {

    static ErrorMessageFactory shouldNotHaveNetworkCalls(TraceSnapshot trace, List<String> calls) {
        return new ShouldNotHaveNetworkCalls(trace, "network", calls);
    }

    static ErrorMessageFactory shouldNotHaveUnixSocketCalls(TraceSnapshot trace, List<String> calls) {
        return new ShouldNotHaveNetworkCalls(trace, "Unix-domain socket", calls);
    }

    private ShouldNotHaveNetworkCalls(TraceSnapshot trace, String kind, List<String> calls) {
        super(trace, "%nExpecting the traced process to make no " + kind + " calls, but it made "
                + calls.size() + ":%n%s", lines(calls));
    }
}
