/*
 * The engine's own JNI library: the libc functions dev.syscallassert.core.linux.LibC declares, each a plain call that
 * saves errno for LibC.errno(). Built by the core module's build (pom.xml, gcc) into the jar next to LibC.class and
 * loaded by BundledLibrary. Which side of the JVM boundary: this is the native side; nothing here keeps state but
 * the calling thread's last errno.
 *
 * Functions glibc added after 2.17 (posix_spawn_file_actions_addchdir_np 2.29, ..._addclosefrom_np 2.34) are looked
 * up when first called (dlsym), so that the library also loads on an older glibc than the one it was built on: a
 * direct reference would carry a symbol version that dlopen refuses there.
 */
#define _GNU_SOURCE
#include <jni.h>
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sched.h>
#include <unistd.h>
#include <limits.h>

/* dlsym by its first version, which every glibc has (2.34 moved it into libc.so.6 as dlsym@GLIBC_2.34, which an older
 * glibc would refuse) */
__asm__(".symver dlsym,dlsym@GLIBC_2.2.5");

#define LIBC(name) Java_dev_syscallassert_core_linux_LibC_##name
#define PTR(x) ((void *) (intptr_t) (x))

static __thread int last_errno;

#define SAVED(type, call) do { type r_ = (call); last_errno = errno; return r_; } while (0)

JNIEXPORT jint JNICALL LIBC(errno)(JNIEnv *env, jclass c) {
    return last_errno;
}

JNIEXPORT jlong JNICALL LIBC(address)(JNIEnv *env, jclass c, jobject directBuffer) {
    return (jlong) (intptr_t) (*env)->GetDirectBufferAddress(env, directBuffer);
}

JNIEXPORT jlong JNICALL LIBC(ptrace)(JNIEnv *env, jclass c, jlong request, jint pid, jlong addr, jlong data) {
    errno = 0; /* a PTRACE_PEEK* answer can be -1: the caller tells an error by errno */
    SAVED(jlong, ptrace((enum __ptrace_request) request, (pid_t) pid, PTR(addr), PTR(data)));
}

JNIEXPORT jint JNICALL LIBC(waitpid)(JNIEnv *env, jclass c, jint pid, jlong status, jint options) {
    SAVED(jint, waitpid((pid_t) pid, (int *) PTR(status), options));
}

JNIEXPORT jint JNICALL LIBC(wait4)(JNIEnv *env, jclass c, jint pid, jlong status, jint options, jlong rusage) {
    SAVED(jint, wait4((pid_t) pid, (int *) PTR(status), options, (struct rusage *) PTR(rusage)));
}

JNIEXPORT jint JNICALL LIBC(kill)(JNIEnv *env, jclass c, jint pid, jint signal) {
    SAVED(jint, kill((pid_t) pid, signal));
}

JNIEXPORT jlong JNICALL LIBC(syscall)(JNIEnv *env, jclass c, jlong number, jlong a1, jlong a2, jlong a3) {
    SAVED(jlong, syscall((long) number, (long) a1, (long) a2, (long) a3, 0L, 0L, 0L));
}

JNIEXPORT jlong JNICALL LIBC(syscall6)(JNIEnv *env, jclass c, jlong number, jlong a1, jlong a2, jlong a3, jlong a4,
                                       jlong a5, jlong a6) {
    SAVED(jlong, syscall((long) number, (long) a1, (long) a2, (long) a3, (long) a4, (long) a5, (long) a6));
}

JNIEXPORT jlong JNICALL LIBC(process_1vm_1readv)(JNIEnv *env, jclass c, jint pid, jlong local, jlong localCount,
                                                 jlong remote, jlong remoteCount, jlong flags) {
    SAVED(jlong, process_vm_readv((pid_t) pid, PTR(local), (unsigned long) localCount, PTR(remote),
                                  (unsigned long) remoteCount, (unsigned long) flags));
}

JNIEXPORT jlong JNICALL LIBC(process_1vm_1writev)(JNIEnv *env, jclass c, jint pid, jlong local, jlong localCount,
                                                  jlong remote, jlong remoteCount, jlong flags) {
    SAVED(jlong, process_vm_writev((pid_t) pid, PTR(local), (unsigned long) localCount, PTR(remote),
                                   (unsigned long) remoteCount, (unsigned long) flags));
}

JNIEXPORT jlong JNICALL LIBC(readlink)(JNIEnv *env, jclass c, jlong path, jlong buffer, jlong size) {
    SAVED(jlong, readlink((const char *) PTR(path), (char *) PTR(buffer), (size_t) size));
}

JNIEXPORT jint JNICALL LIBC(posix_1spawn)(JNIEnv *env, jclass c, jlong pid, jlong path, jlong fileActions,
                                          jlong attributes, jlong argv, jlong envp) {
    /* posix_spawn answers an error number and leaves errno alone */
    return posix_spawn((pid_t *) PTR(pid), (const char *) PTR(path), PTR(fileActions), PTR(attributes),
                       (char *const *) PTR(argv), (char *const *) PTR(envp));
}

JNIEXPORT jint JNICALL LIBC(posix_1spawn_1file_1actions_1init)(JNIEnv *env, jclass c, jlong actions) {
    return posix_spawn_file_actions_init(PTR(actions));
}

JNIEXPORT jint JNICALL LIBC(posix_1spawn_1file_1actions_1destroy)(JNIEnv *env, jclass c, jlong actions) {
    return posix_spawn_file_actions_destroy(PTR(actions));
}

JNIEXPORT jint JNICALL LIBC(posix_1spawn_1file_1actions_1addopen)(JNIEnv *env, jclass c, jlong actions, jint fd,
                                                                  jlong path, jint flags, jint mode) {
    return posix_spawn_file_actions_addopen(PTR(actions), fd, (const char *) PTR(path), flags, (mode_t) mode);
}

JNIEXPORT jint JNICALL LIBC(posix_1spawnattr_1init)(JNIEnv *env, jclass c, jlong attributes) {
    return posix_spawnattr_init(PTR(attributes));
}

JNIEXPORT jint JNICALL LIBC(posix_1spawnattr_1destroy)(JNIEnv *env, jclass c, jlong attributes) {
    return posix_spawnattr_destroy(PTR(attributes));
}

JNIEXPORT jint JNICALL LIBC(posix_1spawnattr_1setflags)(JNIEnv *env, jclass c, jlong attributes, jshort flags) {
    return posix_spawnattr_setflags(PTR(attributes), flags);
}

JNIEXPORT jint JNICALL LIBC(posix_1spawnattr_1setsigdefault)(JNIEnv *env, jclass c, jlong attributes, jlong set) {
    return posix_spawnattr_setsigdefault(PTR(attributes), (const sigset_t *) PTR(set));
}

JNIEXPORT jint JNICALL LIBC(posix_1spawnattr_1setsigmask)(JNIEnv *env, jclass c, jlong attributes, jlong set) {
    return posix_spawnattr_setsigmask(PTR(attributes), (const sigset_t *) PTR(set));
}

JNIEXPORT jint JNICALL LIBC(sigfillset)(JNIEnv *env, jclass c, jlong set) {
    SAVED(jint, sigfillset((sigset_t *) PTR(set)));
}

JNIEXPORT jint JNICALL LIBC(sigemptyset)(JNIEnv *env, jclass c, jlong set) {
    SAVED(jint, sigemptyset((sigset_t *) PTR(set)));
}

JNIEXPORT jint JNICALL LIBC(getpid)(JNIEnv *env, jclass c) {
    return getpid();
}

JNIEXPORT jint JNICALL LIBC(isatty)(JNIEnv *env, jclass c, jint fd) {
    SAVED(jint, isatty(fd));
}

JNIEXPORT jint JNICALL LIBC(sched_1getcpu)(JNIEnv *env, jclass c) {
    SAVED(jint, sched_getcpu());
}

/* The message's bytes (the caller decodes them): strerror's text is in the locale's charset, which JNI's modified
 * UTF-8 strings are not. */
JNIEXPORT jbyteArray JNICALL LIBC(strerrorBytes)(JNIEnv *env, jclass c, jint error) {
    char buffer[256];
    const char *message = strerror_r(error, buffer, sizeof buffer); /* GNU strerror_r: thread-safe */
    jsize length = (jsize) strlen(message);
    jbyteArray out = (*env)->NewByteArray(env, length);
    if (out != NULL) {
        (*env)->SetByteArrayRegion(env, out, 0, length, (const jbyte *) message);
    }
    return out;
}

/* A function looked up by name when first called; NULL when this libc lacks it. */
static void *optional(void **cache, const char *name) {
    void *f = __atomic_load_n(cache, __ATOMIC_ACQUIRE);
    if (f == NULL) {
        f = dlsym(RTLD_DEFAULT, name);
        __atomic_store_n(cache, f, __ATOMIC_RELEASE);
    }
    return f;
}

/* -1 when this libc lacks the function (nothing was added), else its answer (0 or an error number). */
JNIEXPORT jint JNICALL LIBC(addchdirIfPresent)(JNIEnv *env, jclass c, jlong actions, jlong path) {
    static void *cache;
    int (*addchdir)(posix_spawn_file_actions_t *, const char *) =
            (int (*)(posix_spawn_file_actions_t *, const char *)) optional(&cache, "posix_spawn_file_actions_addchdir_np");
    return addchdir == NULL ? -1 : addchdir(PTR(actions), (const char *) PTR(path));
}

JNIEXPORT jint JNICALL LIBC(addclosefromIfPresent)(JNIEnv *env, jclass c, jlong actions, jint from) {
    static void *cache;
    int (*addclosefrom)(posix_spawn_file_actions_t *, int) =
            (int (*)(posix_spawn_file_actions_t *, int)) optional(&cache, "posix_spawn_file_actions_addclosefrom_np");
    return addclosefrom == NULL ? -1 : addclosefrom(PTR(actions), from);
}
