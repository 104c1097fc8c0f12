package dev.syscallassert.assertj;

import org.assertj.core.error.BasicErrorMessageFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The common end of every failure message: where the full trace was saved (a message shows a part of the trace; the
 * file has the rest), and a hint when the trace is empty, since then every check fails for the same reason. Both come
 * from the snapshot the check judged.
 */
abstract class TraceErrorMessage extends BasicErrorMessageFactory {

    protected TraceErrorMessage(TraceSnapshot trace, String format, Object... arguments) {
        super(format + trailerFormat(trace), withTrailer(trace, arguments));
    }

    private static String trailerFormat(TraceSnapshot trace) {
        String format = "";
        if (trace.scopeNote() != null) {
            format += "%n%n%s"; // the thread name matched nothing: that, not the selection, is why it is empty
        } else if (trace.isEmpty()) {
            format += "%n%nThe trace has no events: nothing was recorded, or the tracer's syscall selection left "
                    + "these calls out.";
        }
        if (trace.savedTo().isPresent()) {
            format += "%n%nThe full trace is in %s";
        }
        return format;
    }

    private static Object[] withTrailer(TraceSnapshot trace, Object[] arguments) {
        List<Object> all = new ArrayList<>(Arrays.asList(arguments));
        String note = trace.scopeNote();
        if (note != null) {
            all.add(unquotedString(note));
        }
        trace.savedTo().ifPresent(p -> all.add(unquotedString(p.toString())));
        return all.toArray();
    }

    /** A block of lines shown as they are, not quoted as a String argument would be. */
    static CharSequence lines(List<String> lines) {
        return unquotedString(Render.block(lines));
    }

    /** A block with one line per item. */
    static <T> CharSequence lines(List<T> items, Function<? super T, String> line) {
        return lines(items.stream().map(line).collect(Collectors.toList()));
    }

    static CharSequence text(String text) {
        return unquotedString(text);
    }
}
