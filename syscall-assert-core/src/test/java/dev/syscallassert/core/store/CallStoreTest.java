package dev.syscallassert.core.store;

import dev.syscallassert.SyscallCategory;
import dev.syscallassert.Fault;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.TraceResult;
import dev.syscallassert.Tracer;
import dev.syscallassert.core.format.JsonLinesFormat;
import dev.syscallassert.core.format.TextFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The compact store gives back exactly the events the tracer made, and the same object while it is held. */
class CallStoreTest {

    @Test
    void everyEventOfARealTraceComesBackExactly(@TempDir Path dir) {
        List<TraceEvent> made = new ArrayList<>();
        TraceResult result = Tracer.command("/bin/sh", "-c", "cd " + dir + " && echo x > f && cat f > g && ls -la"
                        + " >/dev/null && mv g h && rm -f f h; /bin/true one two; kill -USR1 $$ 2>/dev/null; exit 3")
                .onTraceEvent(made::add)
                .timeout(Duration.ofSeconds(60))
                .run();
        List<TraceEvent> stored = result.trace().allTimeline();
        assertThat(stored).hasSameSizeAs(made).hasSizeGreaterThan(100);
        // the listener had them in the order they completed (sh's vfork after its child's calls): match by call
        Map<String, SyscallEvent> madeCalls = new HashMap<>();
        for (TraceEvent m : made) {
            if (m instanceof SyscallEvent) {
                madeCalls.put(key((SyscallEvent) m), (SyscallEvent) m);
            }
        }
        TextFormat text = TextFormat.plain();
        for (TraceEvent s : stored) {
            if (!(s instanceof SyscallEvent)) {
                assertThat(made).anySatisfy(m -> assertThat(m).isSameAs(s));
                continue;
            }
            SyscallEvent b = (SyscallEvent) s;
            SyscallEvent a = madeCalls.remove(key(b));
            assertThat(a).as(b.toString()).isNotNull();
            assertThat(JsonLinesFormat.format(b)).isEqualTo(JsonLinesFormat.format(a));
            assertThat(text.format(b, true)).isEqualTo(text.format(a, true));
            assertThat(b.renderedReturn()).isEqualTo(a.renderedReturn());
            assertThat(b).usingRecursiveComparison().ignoringFields("renderedReturn").isEqualTo(a);
        }
        assertThat(madeCalls).isEmpty();
    }

    /** What the tracer did to a call survives the store: the faulted write comes back with its mark. */
    @Test
    void anInjectedCallKeepsItsMark(@TempDir Path dir) {
        TraceResult result = Tracer.command("/bin/sh", "-c", "echo x > " + dir.resolve("f"))
                .inject(Fault.parse("write:error=ENOSPC"))
                .timeout(Duration.ofSeconds(60))
                .run();
        assertThat(result.trace().allEvents()).filteredOn(e -> e.syscall().equals("write"))
                .isNotEmpty().allSatisfy(e -> {
                    assertThat(e.injection()).isPresent();
                    assertThat(e.errno()).hasValue("ENOSPC");
                    assertThat(TextFormat.plain().format(e)).endsWith("(INJECTED)");
                });
    }

    private static String key(SyscallEvent e) {
        return e.tid() + ":" + e.startNanos() + ":" + e.number();
    }

    @Test
    void theSameSlotGivesTheSameObjectWhileItIsHeld() {
        TraceResult result = Tracer.command("/bin/true").timeout(Duration.ofSeconds(60)).run();
        SyscallEvent first = result.trace().allEvents().get(0);
        assertThat(result.trace().allTimeline().get(0)).isSameAs(first);
        System.gc();
        assertThat(result.trace().allEvents().get(0)).isSameAs(first);
        assertThat(result.trace().filter(e -> true).startsAtRecordingStart()).isTrue();
    }

    @Test
    void forgottenSlotsReadEmptyAndACallInFlightAmongThemIsNotStoredWhenItCompletes() {
        CallStore store = new CallStore();
        int inFlightEarly = -1;
        int inFlightLate = -1;
        for (int i = 0; i < 30_000; i++) { // several chunks' worth
            int slot = store.reserve();
            if (i == 10) {
                inFlightEarly = slot;
            } else if (i == 25_000) {
                inFlightLate = slot;
            } else {
                store.fill(slot, call(i));
            }
        }
        store.forgetBefore(20_000);
        assertThat(store.get(0)).isNull();
        assertThat(store.get(19_999)).isNull();
        assertThat(store.isFilled(5)).isFalse();
        assertThat(store.get(20_000).path()).hasValue("/p/20000");
        assertThat(store.get(29_999).path()).hasValue("/p/29999");
        store.fill(inFlightEarly, call(10)); // its place is forgotten: dropped
        assertThat(store.get(inFlightEarly)).isNull();
        store.fill(inFlightLate, call(25_000));
        assertThat(store.get(inFlightLate).path()).hasValue("/p/25000");
        store.forgetBefore(10); // never un-forgets
        assertThat(store.get(20_000).path()).hasValue("/p/20000");
        assertThat(store.size()).isEqualTo(30_000);
    }

    private static SyscallEvent call(int i) {
        return SyscallEvent.builder().pid(10).tid(11).thread("t").syscall("openat").number(257)
                .categories(EnumSet.of(SyscallCategory.FILE)).args(-100, 1, 0, 0, 0, 0)
                .renderedArgs(List.of("AT_FDCWD", "\"/p/" + i + "\"", "O_RDONLY")).path("/p/" + i)
                .returnValue(3).finished(true).startNanos(1000L * i).endNanos(1000L * i + 5).build();
    }

    @Test
    void valuesBeyondThePoolsRoomAreStoredInPlace() {
        CallStore store = new CallStore();
        int n = ValuePool.MAX_SHARED + 1000;
        Set<SyscallCategory> file = EnumSet.of(SyscallCategory.FILE);
        for (int i = 0; i < n; i++) {
            int slot = store.reserve();
            store.fill(slot, SyscallEvent.builder().pid(10).tid(11).thread("t").syscall("read").number(0)
                    .categories(i == n - 1 ? EnumSet.of(SyscallCategory.DESC) : file)
                    .args(3, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 0, 7)
                    .renderedArgs(List.of("3", "\"" + i + (char) 0xD800 + "\"", "4096")).path("/p/" + i)
                    .returnValue(-2).errno("ENOENT").finished(i % 2 == 0).startNanos(1000L * i).endNanos(1000L * i + 5)
                    .build());
        }
        for (int i : new int[] {0, ValuePool.MAX_SHARED / 2, n - 1}) {
            SyscallEvent e = store.get(i);
            assertThat(e.renderedArgs()).containsExactly("3", "\"" + i + (char) 0xD800 + "\"", "4096");
            assertThat(e.path()).hasValue("/p/" + i);
            assertThat(e.args()).containsExactly(3, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 0, 7);
            assertThat(e.finished()).isEqualTo(i % 2 == 0);
            assertThat(e.startNanos()).isEqualTo(1000L * i);
            assertThat(e.endNanos()).isEqualTo(1000L * i + 5);
            assertThat(e.categories()).containsExactly(i == n - 1 ? SyscallCategory.DESC : SyscallCategory.FILE);
        }
    }
}
