package dev.syscallassert;

/** The program to trace does not exist, is not executable, or was not found on the PATH. */
public class ExecutableNotFoundException extends TracerException {
    private static final long serialVersionUID = 1L;

    public ExecutableNotFoundException(String message) {
        super(message);
    }
}
