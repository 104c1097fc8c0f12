package dev.syscallassert.junit5.internal.config;

import dev.syscallassert.Fault;
import dev.syscallassert.core.act.ActRules;
import dev.syscallassert.core.act.FaultChecks;
import dev.syscallassert.core.act.NetworkDeny;
import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.junit5.DenyNetwork;
import dev.syscallassert.junit5.InjectFault;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What the tracer does to one traced test's calls: its {@link InjectFault}s (the enclosing classes', outermost first,
 * then its class's, then its method's) and its {@link DenyNetwork} (the method's, else the nearest class's, else the
 * plan's {@code syscallassert.deny.network}). Looked up and checked once per test, so that a mistake is a
 * configuration error naming the annotation before the child starts. Test JVM only.
 */
public final class ActSettings {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ActSettings.class);
    private static final ActSettings NONE = new ActSettings(List.of(), null, false);

    private final List<Fault> faults;
    /** The allowed addresses when the network is denied; null when it is not. */
    private final List<String> allow;
    private final boolean failTest;

    private ActSettings(List<Fault> faults, List<String> allow, boolean failTest) {
        this.faults = faults;
        this.allow = allow;
        this.failTest = failTest;
    }

    public static ActSettings of(ExtensionContext context, PlanConfiguration plan) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(ActSettings.class, k -> lookUp(context, plan),
                ActSettings.class);
    }

    private static ActSettings lookUp(ExtensionContext context, PlanConfiguration plan) {
        Optional<Method> method = context.getTestMethod();
        if (method.isEmpty()) {
            return NONE;
        }
        List<AnnotatedElement> outerFirst = new ArrayList<>();
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = isInner(c) ? c.getEnclosingClass() : null) {
            outerFirst.add(0, c);
        }
        List<Fault> faults = new ArrayList<>();
        for (AnnotatedElement e : outerFirst) {
            faults.addAll(faults(e, "on " + ((Class<?>) e).getSimpleName()));
        }
        faults.addAll(faults(method.get(), "on " + method.get().getName() + "()"));
        Optional<DenyNetwork> deny = AnnotationSupport.findAnnotation(method.get(), DenyNetwork.class);
        String where = "@DenyNetwork on " + method.get().getName() + "()";
        for (int i = outerFirst.size() - 1; i >= 0 && deny.isEmpty(); i--) {
            deny = AnnotationSupport.findAnnotation(outerFirst.get(i), DenyNetwork.class);
            where = "@DenyNetwork on " + ((Class<?>) outerFirst.get(i)).getSimpleName();
        }
        List<String> allow = null;
        boolean failTest = false;
        if (deny.isPresent()) {
            allow = List.of(deny.get().allow());
            failTest = deny.get().failTest();
        } else if (plan.denyNetwork()) {
            allow = plan.denyNetworkAllow();
            failTest = true;
            where = "configuration parameter " + PlanConfiguration.DENY_NETWORK_ALLOW;
        }
        if (allow != null) {
            try {
                NetworkDeny.allowing(allow);
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
            }
        }
        return new ActSettings(List.copyOf(faults), allow, failTest);
    }

    /**
     * For a test no {@code @TraceSyscalls} applies to: an {@link InjectFault} or {@link DenyNetwork} on it would do
     * nothing, silently, so it is a configuration error.
     */
    public static void requireTraced(ExtensionContext context) {
        Optional<Method> method = context.getTestMethod();
        if (method.isEmpty()) {
            return;
        }
        List<AnnotatedElement> elements = new ArrayList<>(List.of(method.get()));
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = isInner(c) ? c.getEnclosingClass() : null) {
            elements.add(c);
        }
        for (AnnotatedElement e : elements) {
            if (AnnotationSupport.isAnnotated(e, DenyNetwork.class)
                    || !AnnotationSupport.findRepeatableAnnotations(e, InjectFault.class).isEmpty()) {
                throw new ExtensionConfigurationException("@DenyNetwork and @InjectFault act on the calls of a traced "
                        + "test only; " + method.get().getName() + "() is not traced: add @TraceSyscalls");
            }
        }
    }

    private static boolean isInner(Class<?> c) {
        return c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers());
    }

    private static List<Fault> faults(AnnotatedElement element, String where) {
        List<Fault> out = new ArrayList<>();
        for (InjectFault a : AnnotationSupport.findRepeatableAnnotations(element, InjectFault.class)) {
            try {
                out.add(fault(a, where));
            } catch (IllegalArgumentException e) { // UnknownSyscallException included
                throw new ExtensionConfigurationException("@InjectFault " + where + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static Fault fault(InjectFault a, String where) {
        if (!a.value().isBlank()) {
            if (!a.syscalls().isBlank()) {
                throw new IllegalArgumentException("give either value (strace's syntax) or syscalls, not both");
            }
            return Fault.parse(a.value());
        }
        Fault f = Fault.on(a.syscalls());
        f = a.path().isBlank() ? f : f.path(a.path());
        f = a.address().isBlank() ? f : f.address(a.address());
        int ways = (a.nth() > 0 ? 1 : 0) + (a.every() > 0 ? 1 : 0) + (a.first() > 0 || a.last() > 0 ? 1 : 0)
                + (a.probability() != -1 ? 1 : 0);
        if (ways > 1) {
            throw new IllegalArgumentException("choose the calls one way: nth, every, first..last or probability");
        }
        if (a.nth() > 0) {
            f = f.nth(a.nth());
        } else if (a.every() > 0) {
            f = f.every(a.every());
        } else if (a.first() > 0 || a.last() > 0) {
            f = f.calls(Math.max(1, a.first()), a.last() > 0 ? a.last() : Fault.NO_LAST);
        } else if (a.probability() != -1) {
            f = f.probability(a.probability(), a.seed());
        }
        f = a.errno().isBlank() ? f : f.error(a.errno());
        f = a.returnValue() == Long.MIN_VALUE ? f : f.returnValue(a.returnValue());
        f = a.shortBy() == 0 ? f : f.shortBy(a.shortBy());
        f = a.delay().isBlank() ? f : f.delayBefore(duration(a.delay(), where, "delay"));
        f = a.delayAfter().isBlank() ? f : f.delayAfter(duration(a.delayAfter(), where, "delayAfter"));
        f = a.signal().isBlank() ? f : f.signal(a.signal());
        FaultChecks.complete(f);
        return f;
    }

    private static Duration duration(String text, String where, String attribute) {
        return Parsers.parseDuration(text, "@InjectFault " + where + ": " + attribute);
    }

    /** Whether the tracer acts on anything in this test. */
    public boolean any() {
        return !faults.isEmpty() || allow != null;
    }

    /** Whether a denied call fails the test. */
    public boolean failTest() {
        return allow != null && failTest;
    }

    /** The rules the tracer acts by, with their counters at zero; null when it acts on nothing. */
    public ActRules rules() {
        return any() ? new ActRules(faults, allow == null ? null : NetworkDeny.allowing(allow)) : null;
    }

    /**
     * The syscalls the child's own filter must stop besides the recorded ones: the filter a JVM installs in itself
     * cannot look at socket()'s domain, so socket() stops whole.
     */
    public int[] withStopped(int[] recorded) {
        if (!any()) {
            return recorded;
        }
        ActRules rules = rules();
        IntStream extra = IntStream.of(rules.stopNumbers());
        if (rules.socketDomains().length > 0) {
            extra = IntStream.concat(extra, IntStream.of(SyscallTable.current().requireNumber("socket")));
        }
        return IntStream.concat(IntStream.of(recorded), extra).distinct().sorted().toArray();
    }
}
