package dev.syscallassert.core.linux;

import dev.syscallassert.core.xlat.Constants;

/** The errno values the tracer itself checks after a failed libc call, from the generated table. */
public final class Errnos {
    private Errnos() {
    }

    public static final int EPERM = Constants.errno("EPERM");
    public static final int ESRCH = Constants.errno("ESRCH");
    public static final int EINTR = Constants.errno("EINTR");
    public static final int EIO = Constants.errno("EIO");
    public static final int ECHILD = Constants.errno("ECHILD");
    public static final int ENOSYS = Constants.errno("ENOSYS");
}
