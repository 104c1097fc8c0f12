package dev.syscallassert;

import java.util.List;

/** A syscall or category name that does not exist on this architecture; the message suggests the nearest valid names. */
public class UnknownSyscallException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final List<String> suggestions;

    public UnknownSyscallException(String message, String name, List<String> suggestions) {
        super(message);
        this.name = name;
        this.suggestions = List.copyOf(suggestions);
    }

    public String name() {
        return name;
    }

    public List<String> suggestions() {
        return suggestions;
    }
}
