/*
 * The Linux baseline (./tern bench --baseline linux): a static program that Debian's own
 * x86_64 kernel runs as /init in the same QEMU as Tern, with -icount shift=0, where rdtsc
 * advances once per guest instruction. It measures what Tern's benchmarks measure, the way
 * a Linux program would do it: a null system call, ping-pong between two processes through
 * a pipe, a futex and a UNIX socket, and bulk bytes through a pipe. Each figure is the
 * instructions of the whole machine (both processes and the kernel, the loop included)
 * per iteration. Prints one line per repetition,
 *     LINUX-BENCH <name> <repetition> <iterations> <instructions>
 * then LINUX-BENCH-DONE, and powers the machine off (QEMU -no-reboot exits).
 * The environment variable tern_scale (from the kernel command line) divides the
 * iteration counts, tern_reps sets the repetitions.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static unsigned scale = 1, reps = 3;

static uint64_t instructions(void)
{
    uint32_t lo, hi;
    __asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
    return (uint64_t)hi << 32 | lo;
}

static void die(const char *what)
{
    printf("LINUX-BENCH-ERROR %s: %s\n", what, strerror(errno));
    fflush(stdout);
    reboot(RB_AUTOBOOT);
    _exit(1);
}

/* Exactly n bytes, or die: pipes and stream reads may come in pieces. */
static void read_all(int fd, char *buf, size_t n)
{
    while (n) {
        ssize_t got = read(fd, buf, n);
        if (got <= 0)
            die("read");
        buf += got, n -= (size_t)got;
    }
}

static void write_all(int fd, const char *buf, size_t n)
{
    while (n) {
        ssize_t put = write(fd, buf, n);
        if (put <= 0)
            die("write");
        buf += put, n -= (size_t)put;
    }
}

static void report(const char *name, unsigned rep, unsigned long iters, uint64_t total)
{
    printf("LINUX-BENCH %s %u %lu %llu\n", name, rep, iters, (unsigned long long)total);
    fflush(stdout);
}

/* ---- the null call: getppid, which glibc does not cache ------------------------------ */

static void null_syscall(unsigned long iters)
{
    for (unsigned rep = 0; rep < reps; rep++) {
        for (int i = 0; i < 1000; i++)
            getppid();
        uint64_t t0 = instructions();
        for (unsigned long i = 0; i < iters; i++)
            getppid();
        report("null_syscall", rep, iters, instructions() - t0);
    }
}

/* ---- ping-pong: the parent measures, a child answers; both sides pay ---------------- */

/* One round trip of a kind: the parent's side (ping) and the child's (pong). */
struct pingpong {
    const char *name;
    size_t bytes;                         /* payload each way (pipes: the request) */
    size_t reply;                         /* the child's answer */
    void (*setup)(struct pingpong *);
    void (*ping)(struct pingpong *);
    void (*pong)(struct pingpong *);
    int fd[4];
    uint32_t *word;                       /* futex: shared between both processes */
    char *buf;
};

static void run_pingpong(struct pingpong *p, unsigned long iters)
{
    p->buf = malloc(p->bytes + p->reply + 1);
    if (!p->buf)
        die("malloc");
    memset(p->buf, 0x5a, p->bytes + p->reply + 1);
    p->setup(p);
    unsigned long warm = iters < 100 ? 2 : 100;
    unsigned long total = warm + (unsigned long)reps * iters;    /* warm-up first */
    pid_t child = fork();
    if (child < 0)
        die("fork");
    if (child == 0) {
        for (unsigned long i = 0; i < total; i++)
            p->pong(p);
        _exit(0);
    }
    for (unsigned long i = 0; i < warm; i++)
        p->ping(p);
    for (unsigned rep = 0; rep < reps; rep++) {
        uint64_t t0 = instructions();
        for (unsigned long i = 0; i < iters; i++)
            p->ping(p);
        report(p->name, rep, iters, instructions() - t0);
    }
    int status;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        die("the partner process");
    for (int i = 0; i < 4; i++)
        if (p->fd[i] > 0)
            close(p->fd[i]);
    free(p->buf);
}

/* Pipes: fd[0..1] parent to child, fd[2..3] child to parent. */
static void pipes_setup(struct pingpong *p)
{
    if (pipe(p->fd) || pipe(p->fd + 2))
        die("pipe");
}
static void pipe_ping(struct pingpong *p)
{
    write_all(p->fd[1], p->buf, p->bytes);
    read_all(p->fd[2], p->buf, p->reply);
}
static void pipe_pong(struct pingpong *p)
{
    read_all(p->fd[0], p->buf, p->bytes);
    write_all(p->fd[3], p->buf, p->reply);
}

/* A connected pair of UNIX sequenced-packet sockets: one message each way (0 bytes is a
 * message too). */
static void socket_setup(struct pingpong *p)
{
    if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, p->fd))
        die("socketpair");
    p->fd[2] = p->fd[3] = -1;
}
static void socket_ping(struct pingpong *p)
{
    if (send(p->fd[0], p->buf, p->bytes, 0) != (ssize_t)p->bytes)
        die("send");
    if (recv(p->fd[0], p->buf, p->reply + 1, 0) != (ssize_t)p->reply)
        die("recv");
}
static void socket_pong(struct pingpong *p)
{
    if (recv(p->fd[1], p->buf, p->bytes + 1, 0) != (ssize_t)p->bytes)
        die("recv");
    if (send(p->fd[1], p->buf, p->reply, 0) != (ssize_t)p->reply)
        die("send");
}

/* A futex word in a shared page: 1 is the parent's turn to wait, 0 the child's. */
static long futex(uint32_t *w, int op, uint32_t val)
{
    return syscall(SYS_futex, w, op, val, NULL, NULL, 0);
}
static void futex_setup(struct pingpong *p)
{
    p->word = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p->word == MAP_FAILED)
        die("mmap");
    *p->word = 0;
    p->fd[0] = p->fd[1] = p->fd[2] = p->fd[3] = -1;
}
static void futex_ping(struct pingpong *p)
{
    __atomic_store_n(p->word, 1, __ATOMIC_SEQ_CST);
    futex(p->word, FUTEX_WAKE, 1);
    while (__atomic_load_n(p->word, __ATOMIC_SEQ_CST) == 1)
        futex(p->word, FUTEX_WAIT, 1);
}
static void futex_pong(struct pingpong *p)
{
    while (__atomic_load_n(p->word, __ATOMIC_SEQ_CST) == 0)
        futex(p->word, FUTEX_WAIT, 0);
    __atomic_store_n(p->word, 0, __ATOMIC_SEQ_CST);
    futex(p->word, FUTEX_WAKE, 1);
}

int main(void)
{
    const char *s = getenv("tern_scale"), *r = getenv("tern_reps");
    if (s && atoi(s) > 0)
        scale = (unsigned)atoi(s);
    if (r && atoi(r) > 0)
        reps = (unsigned)atoi(r);
    printf("LINUX-BENCH-START scale %u repetitions %u\n", scale, reps);
    fflush(stdout);

    null_syscall(20000 / scale ? 20000 / scale : 1);
    struct pingpong cases[] = {
        { "pipe_pingpong/bytes:1", 1, 1, pipes_setup, pipe_ping, pipe_pong, {0}, 0, 0 },
        { "futex_pingpong", 0, 0, futex_setup, futex_ping, futex_pong, {0}, 0, 0 },
        { "unix_pingpong/bytes:0", 0, 0, socket_setup, socket_ping, socket_pong, {0}, 0, 0 },
        { "unix_pingpong/bytes:4096", 4096, 4096, socket_setup, socket_ping, socket_pong, {0}, 0, 0 },
        /* bulk: the bytes one way, an empty (socket) or 1-byte (pipe) answer, as Tern's
         * string IPC with its empty reply */
        { "unix_transfer/bytes:4096", 4096, 0, socket_setup, socket_ping, socket_pong, {0}, 0, 0 },
        { "pipe_transfer/bytes:4096", 4096, 1, pipes_setup, pipe_ping, pipe_pong, {0}, 0, 0 },
        { "pipe_transfer/bytes:4194304", 4194304, 1, pipes_setup, pipe_ping, pipe_pong, {0}, 0, 0 },
    };
    unsigned long iters[] = { 2000, 2000, 2000, 1000, 1000, 1000, 10 };
    _Static_assert(sizeof iters / sizeof iters[0] == sizeof cases / sizeof cases[0], "a count per case");
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned long n = iters[i] / scale;
        run_pingpong(&cases[i], n ? n : 1);
    }
    printf("LINUX-BENCH-DONE\n");
    fflush(stdout);
    sync();
    reboot(RB_AUTOBOOT);
    return 0;
}
