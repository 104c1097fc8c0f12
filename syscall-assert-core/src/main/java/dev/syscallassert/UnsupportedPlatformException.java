package dev.syscallassert;

/** Tracing is impossible on this operating system or architecture; the message names both. */
public class UnsupportedPlatformException extends TracingNotPermittedException {
    private static final long serialVersionUID = 1L;

    public UnsupportedPlatformException(String message) {
        super(message);
    }
}
