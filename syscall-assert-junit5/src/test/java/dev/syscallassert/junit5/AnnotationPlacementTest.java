package dev.syscallassert.junit5;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where {@code @TraceSyscalls} applies, as the README states it: it is {@code @Inherited}, so on a superclass it traces
 * the subclasses' tests; JUnit also finds it on an interface the test class implements; on a method it traces that
 * method only, and, as Java never inherits method annotations, not an override of it.
 */
class AnnotationPlacementTest {

    @Test
    void onASuperclassOrAnInterfaceItAppliesToTheTestClassOnAMethodNotToItsOverride() {
        Kit.assertAllPassed(Kit.run(Subclass.class), 2);
        Kit.assertAllPassed(Kit.run(ImplementsTracedInterface.class), 1);
        Kit.assertAllPassed(Kit.run(OverridesATracedMethod.class), 1);
    }

    /** The kernel's word: a traced child has a tracer. */
    static boolean traced() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("TracerPid:") && !l.substring(10).trim().equals("0"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @TraceSyscalls
    abstract static class TracedBase {
        @Test
        void inherited() {
            assertThat(traced()).as("a test method declared in the annotated superclass").isTrue();
        }
    }

    static class Subclass extends TracedBase {
        @Test
        void own() {
            assertThat(traced()).as("a test method of the subclass").isTrue();
        }
    }

    @TraceSyscalls
    interface TracedInterface {
    }

    static class ImplementsTracedInterface implements TracedInterface {
        @Test
        void test() {
            assertThat(traced()).isTrue();
        }
    }

    abstract static class MethodTracedInBase {
        @TraceSyscalls
        @Test
        void test() {
            assertThat(traced()).isTrue();
        }
    }

    static class OverridesATracedMethod extends MethodTracedInBase {
        @Override
        @Test
        void test() {
            assertThat(traced()).as("the override has no annotation, and its class none").isFalse();
        }
    }
}
