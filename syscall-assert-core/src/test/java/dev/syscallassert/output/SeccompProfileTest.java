package dev.syscallassert.output;

import dev.syscallassert.SeccompProfile;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.SyscallTrace;
import dev.syscallassert.core.output.ProfileCheck;
import dev.syscallassert.core.xlat.Constants;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a profile allows, from hand-made events, read back by the same rules libseccomp applies. */
class SeccompProfileTest {

    private static final long AF_INET = Constants.value("address_family", "AF_INET");
    private static final long AF_INET6 = Constants.value("address_family", "AF_INET6");
    private static final long AF_UNIX = Constants.value("address_family", "AF_UNIX");
    private static final long CLONE_THREAD = Constants.value("clone_flags", "CLONE_THREAD");
    private static final long CLONE_NEWNET = Constants.value("clone_flags", "CLONE_NEWNET");

    private static SyscallEvent call(String name, long... args) {
        return SyscallEvent.builder().pid(1).tid(1).syscall(name).args(args).build();
    }

    private static SyscallEvent clone(String name, long flags) {
        return SyscallEvent.builder().pid(1).tid(1).syscall(name).args(flags).cloneFlags(flags).build();
    }

    private static ProfileCheck check(SeccompProfile p) {
        return ProfileCheck.parse(p.toJson(), "6.1.0");
    }

    @Test
    void socketIsAllowedForTheFamiliesSeenOnlyWhateverTheRegistersUpperHalf() {
        SeccompProfile p = SyscallTrace.of(List.of(call("socket", AF_INET, 1), call("read"))).seccompProfile();
        ProfileCheck c = check(p);
        assertThat(c.verdict(call("socket", AF_INET, 2)).allowed()).isTrue();
        assertThat(c.verdict(call("socket", AF_INET | 0xdead_0000_0000L, 2)).allowed()).isTrue();
        assertThat(c.verdict(call("socket", AF_INET6, 1)).refusal()).isEqualTo("EPERM");
        assertThat(c.verdict(call("read")).allowed()).isTrue();
        assertThat(c.verdict(call("sysinfo")).refusal()).isEqualTo("EPERM");
        assertThat(p.toJson()).contains("\"comment\": \"socket with AF_INET\"");
    }

    @Test
    void cloneIsNarrowedToNoNamespacesAndClone3AnsweredEnosysSoThatLibcFallsBack() {
        ProfileCheck c = check(SyscallTrace.of(List.of(clone("clone3", CLONE_THREAD))).seccompProfile());
        assertThat(c.verdict(clone("clone3", CLONE_THREAD)).refusal()).isEqualTo("ENOSYS");
        assertThat(c.verdict(clone("clone", CLONE_THREAD)).allowed()).isTrue();
        assertThat(c.verdict(clone("clone", CLONE_THREAD | CLONE_NEWNET)).refusal()).isEqualTo("EPERM");
    }

    @Test
    void aNamespaceSeenAllowsCloneAndClone3Unnarrowed() {
        SeccompProfile p = SyscallTrace.of(List.of(clone("clone3", CLONE_NEWNET), clone("clone", 0)))
                .seccompProfile();
        ProfileCheck c = check(p);
        assertThat(c.verdict(clone("clone3", CLONE_NEWNET)).allowed()).isTrue();
        assertThat(c.verdict(clone("clone", CLONE_NEWNET)).allowed()).isTrue();
        // unreadable clone_args: not known to be without namespaces, so never narrowed
        SyscallEvent unreadable = SyscallEvent.builder().pid(1).tid(1).syscall("clone3").build();
        assertThat(check(SyscallTrace.of(List.of(unreadable)).seccompProfile())
                .verdict(clone("clone", CLONE_NEWNET)).allowed()).isFalse(); // clone itself was never seen
        assertThat(check(SyscallTrace.of(List.of(unreadable)).seccompProfile())
                .verdict(clone("clone3", CLONE_NEWNET)).allowed()).isTrue();
    }

    @Test
    void unusedFallbacksGetEnosysAndUsedOnesAreAllowed() {
        ProfileCheck c = check(SyscallTrace.of(List.of(call("statx"))).seccompProfile());
        assertThat(c.verdict(call("statx")).allowed()).isTrue();
        assertThat(c.verdict(call("faccessat2")).refusal()).isEqualTo("ENOSYS");
        assertThat(c.verdict(call("close_range")).refusal()).isEqualTo("ENOSYS");
        assertThat(c.verdict(call("sysinfo")).refusal()).isEqualTo("EPERM");
    }

    @Test
    void runsMergeIntoTheUnionOfTheirCallsAndValues() {
        SeccompProfile a = SyscallTrace.of(List.of(call("socket", AF_UNIX), call("read"))).seccompProfile();
        SeccompProfile b = SyscallTrace.of(List.of(call("socket", AF_INET6), call("write"))).seccompProfile();
        SeccompProfile both = a.merge(b);
        assertThat(both.runs()).isEqualTo(2);
        assertThat(both.syscalls()).containsExactly("read", "socket", "write");
        ProfileCheck c = check(both);
        assertThat(c.verdict(call("socket", AF_UNIX)).allowed()).isTrue();
        assertThat(c.verdict(call("socket", AF_INET6)).allowed()).isTrue();
        assertThat(c.verdict(call("socket", AF_INET)).allowed()).isFalse();
        assertThat(both.toJson()).contains("seen in 2 traced runs");
    }

    @Test
    void aWrittenProfileReadBackIsTheSameProfile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        SeccompProfile p = SyscallTrace.of(List.of(call("socket", AF_UNIX), call("socket", AF_INET6),
                clone("clone3", CLONE_THREAD), call("personality", 0xffff_ffffL), call("read"))).seccompProfile()
                .merge(SyscallTrace.of(List.of(call("write"))).seccompProfile());
        java.nio.file.Path file = dir.resolve("p.json");
        p.writeTo(file);
        SeccompProfile back = SeccompProfile.read(file);
        assertThat(back.toJson()).isEqualTo(p.toJson());
        assertThat(back.runs()).isEqualTo(2);
        assertThat(back.merge(SyscallTrace.of(List.of(call("sysinfo"))).seccompProfile()).toJson())
                .contains("\"sysinfo\"").contains("seen in 3 traced runs");
        java.nio.file.Files.writeString(file, p.toJson().replace("\"names\": [\"socket\"]", "\"names\": [\"bind\"]"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeccompProfile.read(file))
                .hasMessageContaining("is not a rule this library writes: only its own profiles can be merged");
    }

    @Test
    void theRuntimesOwnCallsAreAllowedUnlessLeftOut() {
        SeccompProfile p = SyscallTrace.of(List.of(call("read"))).seccompProfile();
        assertThat(check(p).verdict(call("capset")).allowed()).isTrue();
        assertThat(check(p.withoutRuntimeSyscalls()).verdict(call("capset")).allowed()).isFalse();
    }

    @Test
    void dockersConditionalRulesAreReadAsForAContainerWithoutExtraCapabilities() {
        String docker = """
                {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
                 "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86"]}],
                 "syscalls": [
                  {"names": ["read"], "action": "SCMP_ACT_ALLOW"},
                  {"names": ["mount"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
                  {"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38,
                   "excludes": {"caps": ["CAP_SYS_ADMIN"]}},
                  {"names": ["futex_waitv"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "5.16"}}]}
                """;
        assertThat(ProfileCheck.parse(docker, "6.1.0").verdict(call("mount")).allowed()).isFalse();
        assertThat(ProfileCheck.parse(docker, "6.1.0").verdict(call("clone3")).refusal()).isEqualTo("ENOSYS");
        assertThat(ProfileCheck.parse(docker, "6.1.0").verdict(call("futex_waitv")).allowed()).isTrue();
        assertThat(ProfileCheck.parse(docker, "5.10.0").verdict(call("futex_waitv")).allowed()).isFalse();
    }
}
