package dev.syscallassert;

/** Base of the errors the tracer reports; each subclass names one kind of failure with a specific message. */
public class TracerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TracerException(String message) {
        super(message);
    }

    public TracerException(String message, Throwable cause) {
        super(message, cause);
    }
}
