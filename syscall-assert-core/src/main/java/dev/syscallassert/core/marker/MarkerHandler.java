package dev.syscallassert.core.marker;

/** Performs the tracee's marker commands on the tracer thread; what it returns, the marker syscall returns. */
@FunctionalInterface
public interface MarkerHandler {
    long handle(MarkerCall call);
}
