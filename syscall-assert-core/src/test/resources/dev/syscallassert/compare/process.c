#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include <signal.h>
#include <sched.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <sys/prctl.h>
#include <sys/utsname.h>
#include <sys/sysinfo.h>
#include <sys/syscall.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <asm/prctl.h>
#include <time.h>
#include <string.h>
#include <stdlib.h>
#include <sys/random.h>

/* Threads, signals, children, limits, clocks, scheduling and memory calls, each made once or twice. */
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready;
static volatile sig_atomic_t got;

static void handler(int sig) { got = sig; }
static void action(int sig, siginfo_t *si, void *uc) { got = sig; }

static void *worker(void *arg) {
    pthread_mutex_lock(&m);
    ready = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&m);
    return NULL;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&m);
    while (!ready) pthread_cond_wait(&cv, &m);
    pthread_mutex_unlock(&m);
    pthread_join(t, NULL);

    struct sigaction sa; memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler; sigemptyset(&sa.sa_mask); sigaddset(&sa.sa_mask, SIGTERM);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_sigaction = action; sa.sa_flags = SA_SIGINFO | SA_ONSTACK; sigfillset(&sa.sa_mask);
    sigaction(SIGUSR2, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    sigset_t set, old; sigemptyset(&set); sigaddset(&set, SIGUSR1); sigaddset(&set, SIGRTMIN + 3);
    sigprocmask(SIG_BLOCK, &set, &old);
    sigprocmask(SIG_SETMASK, &old, NULL);
    kill(getpid(), SIGUSR1);
    syscall(SYS_tgkill, getpid(), gettid(), SIGUSR2);
    kill(getpid(), 0);
    stack_t ss; ss.ss_sp = malloc(65536); ss.ss_size = 65536; ss.ss_flags = 0;
    sigaltstack(&ss, NULL);
    sigaltstack(NULL, &ss);
    /* a pending, blocked signal: sigpending, then taken by sigtimedwait */
    sigemptyset(&set); sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    kill(getpid(), SIGUSR1);
    sigset_t pending; sigpending(&pending);
    struct timespec wait = {1, 0};
    sigtimedwait(&set, NULL, &wait);
    sigprocmask(SIG_UNBLOCK, &set, NULL);

    pid_t pid = fork();
    if (pid == 0) { _exit(3); }
    int status; waitpid(pid, &status, 0);
    pid = fork();
    if (pid == 0) { pause(); _exit(0); }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    waitpid(-1, &status, WNOHANG);

    struct rlimit rl; getrlimit(RLIMIT_NOFILE, &rl); setrlimit(RLIMIT_NOFILE, &rl);
    getrlimit(RLIMIT_STACK, &rl);
    prlimit(0, RLIMIT_CORE, NULL, &rl);
    struct rusage ru; getrusage(RUSAGE_SELF, &ru); getrusage(RUSAGE_CHILDREN, &ru);
    getpriority(PRIO_PROCESS, 0);
    prctl(PR_SET_NAME, "worker");
    char name[16]; prctl(PR_GET_NAME, name);
    prctl(PR_SET_NAME, "a-name-longer-than-fifteen");
    prctl(PR_GET_DUMPABLE);
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    int sig; prctl(PR_GET_PDEATHSIG, &sig);
    prctl(PR_CAPBSET_READ, 21);
    prctl(PR_GET_TIMERSLACK);
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
    prctl(PR_GET_SECUREBITS);
    unsigned long fs; syscall(SYS_arch_prctl, ARCH_GET_FS, &fs);
    struct timespec ts; syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
    syscall(SYS_clock_getres, CLOCK_REALTIME, &ts);
    struct timeval tv; syscall(SYS_gettimeofday, &tv, NULL);
    struct timespec d = {0, 1000000}; nanosleep(&d, NULL);
    clock_nanosleep(CLOCK_MONOTONIC, 0, &d, NULL);
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts); ts.tv_nsec += 1000;
    if (ts.tv_nsec >= 1000000000) { ts.tv_sec++; ts.tv_nsec -= 1000000000; }
    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
    struct itimerval it = {{0, 0}, {0, 0}}; setitimer(ITIMER_REAL, &it, NULL); getitimer(ITIMER_REAL, &it);
    struct utsname u; uname(&u);
    struct sysinfo s; sysinfo(&s);
    cpu_set_t cs; sched_getaffinity(0, sizeof cs, &cs); sched_setaffinity(0, sizeof cs, &cs);
    sched_yield();
    struct sched_param sp; sched_getparam(0, &sp); sched_getscheduler(0);
    sched_get_priority_max(SCHED_FIFO);
    char buf[16]; getrandom(buf, sizeof buf, 0); getrandom(buf, 4, GRND_NONBLOCK);
    gid_t groups[64]; getgroups(0, NULL); getgroups(64, groups);
    void *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    madvise(p, 8192, MADV_DONTNEED);
    mlock(p, 4096); munlock(p, 4096);
    unsigned char vec[2]; mincore(p, 8192, vec);
    msync(p, 4096, MS_ASYNC);
    p = mremap(p, 8192, 16384, MREMAP_MAYMOVE);
    munmap(p, 16384);
    return 0;
}
