package dev.syscallassert.junit5.internal.wire;

import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the test ended in the child, carried back to the test JVM in the work directory's outcome file: written
 * atomically by the child ({@link #writeInto}), read by the test JVM ({@link #readFrom}). A throwable goes by Java
 * serialization, which keeps its type, message, stack trace and (for {@link AssertionFailedError}) expected and actual
 * values, so IDE diffs still work; one that does not serialize goes as text and comes back as a look-alike.
 */
public final class TestOutcome {

    public enum Status {
        SUCCESSFUL, FAILED, ABORTED, SKIPPED,
        /** The launcher in the child did not find the test (class path or argument source differ). */
        NOT_FOUND,
        /** The child was not traced after all (Marker.traced() false): nothing to assert on. */
        NOT_TRACED,
        /** Something called System.exit while the test was running. */
        EXITED
    }

    private static final int MAX_CAUSES = 8;

    private final Status status;
    private final String reason;
    private final byte[] serialized;
    private final List<TextThrowable> text;

    private TestOutcome(Status status, String reason, byte[] serialized, List<TextThrowable> text) {
        this.status = status;
        this.reason = reason == null ? "" : reason;
        this.serialized = serialized;
        this.text = text;
    }

    public static TestOutcome of(Status status, String reason) {
        return new TestOutcome(status, reason, null, List.of());
    }

    public static TestOutcome of(Status status, Throwable throwable) {
        if (throwable == null) {
            return of(status, "");
        }
        byte[] bytes = null;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ObjectOutputStream o = new ObjectOutputStream(out)) {
                o.writeObject(throwable);
            }
            bytes = out.toByteArray();
        } catch (IOException | RuntimeException e) {
            // not serializable (a field, a cause or a suppressed one): the text form below has to do
        }
        List<TextThrowable> chain = new ArrayList<>();
        for (Throwable t = throwable; t != null && chain.size() < MAX_CAUSES; t = t.getCause()) {
            chain.add(new TextThrowable(t.getClass().getName(), t.getMessage(), t.getStackTrace(),
                    t instanceof AssertionError));
            if (t.getCause() == t) {
                break;
            }
        }
        return new TestOutcome(status, throwable.toString(), bytes, chain);
    }

    public Status status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /**
     * The child's throwable as it was, loaded through {@code loader} (the test class's, which knows the user's own
     * exception types), or its look-alike when it cannot be deserialized; null when there is none.
     */
    public Throwable throwable(ClassLoader loader) {
        if (serialized != null) {
            try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(serialized), loader)) {
                return (Throwable) in.readObject();
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                // fall through to the text form
            }
        }
        Throwable rebuilt = null;
        for (int i = text.size() - 1; i >= 0; i--) {
            rebuilt = text.get(i).rebuild(rebuilt, status);
        }
        return rebuilt;
    }

    /** Child: written to a temporary file, then moved, so that the test JVM never reads half an outcome. */
    public void writeInto(WorkDirectory work) throws IOException {
        Path file = work.outcomeFile();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(status.name());
            writeString(out, reason);
            out.writeInt(serialized == null ? -1 : serialized.length);
            if (serialized != null) {
                out.write(serialized);
            }
            out.writeInt(text.size());
            for (TextThrowable t : text) {
                t.write(out);
            }
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, bytes.toByteArray());
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Test JVM: the outcome the child left in {@code work}; empty when it ended before it could write one. */
    public static Optional<TestOutcome> readFrom(WorkDirectory work) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(work.outcomeFile());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            Status status = Status.valueOf(in.readUTF());
            String reason = readString(in);
            int n = in.readInt();
            byte[] serialized = null;
            if (n >= 0) {
                serialized = new byte[n];
                in.readFully(serialized);
            }
            int chain = in.readInt();
            List<TextThrowable> text = new ArrayList<>(chain);
            for (int i = 0; i < chain; i++) {
                text.add(TextThrowable.read(in));
            }
            return Optional.of(new TestOutcome(status, reason, serialized, text));
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** One throwable of a cause chain, as text. */
    private static final class TextThrowable {
        final String type;
        final String message;
        final StackTraceElement[] stack;
        final boolean assertion;

        TextThrowable(String type, String message, StackTraceElement[] stack, boolean assertion) {
            this.type = type;
            this.message = message;
            this.stack = stack;
            this.assertion = assertion;
        }

        Throwable rebuild(Throwable cause, Status status) {
            String text = type + (message == null ? "" : ": " + message)
                    + " (relayed as text from the traced child JVM: " + type + " could not be serialized)";
            Throwable t;
            if (status == Status.ABORTED) {
                t = new TestAbortedException(text, cause);
            } else if (assertion) {
                t = new AssertionFailedError(text, cause);
            } else {
                t = new RelayedException(text, cause);
            }
            t.setStackTrace(stack);
            return t;
        }

        void write(DataOutputStream out) throws IOException {
            writeString(out, type);
            out.writeBoolean(message != null);
            if (message != null) {
                writeString(out, message);
            }
            out.writeBoolean(assertion);
            out.writeInt(stack.length);
            for (StackTraceElement e : stack) {
                writeString(out, e.getClassName());
                writeString(out, e.getMethodName());
                out.writeBoolean(e.getFileName() != null);
                if (e.getFileName() != null) {
                    writeString(out, e.getFileName());
                }
                out.writeInt(e.getLineNumber());
            }
        }

        static TextThrowable read(DataInputStream in) throws IOException {
            String type = readString(in);
            String message = in.readBoolean() ? readString(in) : null;
            boolean assertion = in.readBoolean();
            StackTraceElement[] stack = new StackTraceElement[in.readInt()];
            for (int i = 0; i < stack.length; i++) {
                String cls = readString(in);
                String method = readString(in);
                String file = in.readBoolean() ? readString(in) : null;
                stack[i] = new StackTraceElement(cls, method, file, in.readInt());
            }
            return new TextThrowable(type, message, stack, assertion);
        }
    }

    /** Stands in for a child's exception whose class could not travel. */
    public static final class RelayedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RelayedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Resolves classes through the test class's loader: the user's own exception types live there. */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
