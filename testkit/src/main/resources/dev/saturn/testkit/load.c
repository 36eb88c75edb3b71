/* Loads for the process tests, one per mode, each in one process that stays the same pid:
 *   write FILE   overwrite FILE's first 64 MiB in place with 64 KiB O_DIRECT writes, forever
 *   read FILE    read FILE's first 64 MiB with 64 KiB O_DIRECT reads, forever
 *   fault FILE   map FILE's first 32 MiB and take one major fault every 10 ms, at that pace whatever the machine's
 *                load (one page read in each: no read-around), dropping the pages from the mapping and the page cache
 *                after each pass, forever
 *   fds N        open /dev/null N times, then sleep
 *   threads N    start N threads that sleep, then sleep
 *   hold PORT    listen on 127.0.0.1:PORT, accept one connection and never read it
 *   grow MIB     grow by MIB MiB a second (each page touched), to 1 GiB, then let it all go and grow again
 * It prints "ready" when the load is set up. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define SPAN (64L << 20)
#define BLOCK (64 << 10)

static void ready(void) { printf("ready\n"); fflush(stdout); }
static void *sleeper(void *arg) { (void) arg; for (;;) pause(); return NULL; }

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: load MODE ARG\n"); return 2; }
    const char *mode = argv[1];
    if (!strcmp(mode, "write") || !strcmp(mode, "read")) {
        int w = !strcmp(mode, "write");
        int fd = open(argv[2], (w ? O_WRONLY : O_RDONLY) | O_DIRECT);
        if (fd < 0) { perror("open"); return 1; }
        void *buf;
        if (posix_memalign(&buf, 4096, BLOCK)) return 1;
        memset(buf, 7, BLOCK);
        ready();
        for (long off = 0;; off = (off + BLOCK) % SPAN) {
            ssize_t n = w ? pwrite(fd, buf, BLOCK, off) : pread(fd, buf, BLOCK, off);
            if (n != BLOCK) { perror(mode); return 1; }
        }
    }
    if (!strcmp(mode, "fault")) {
        long span = SPAN / 2;
        int fd = open(argv[2], O_RDONLY);
        if (fd < 0) { perror("open"); return 1; }
        volatile char *p = mmap(NULL, span, PROT_READ, MAP_SHARED, fd, 0);
        if (p == MAP_FAILED) { perror("mmap"); return 1; }
        /* a steady rate, so that two tools measuring windows a moment apart count the same */
        madvise((void *) p, span, MADV_RANDOM);
        posix_fadvise(fd, 0, span, POSIX_FADV_DONTNEED);
        ready();
        struct timespec next;
        clock_gettime(CLOCK_MONOTONIC, &next);
        for (long sum = 0;; ) {
            for (long off = 0; off < span; off += 4096) {
                sum += p[off];
                next.tv_nsec += 10000000;
                if (next.tv_nsec >= 1000000000) { next.tv_nsec -= 1000000000; next.tv_sec++; }
                clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
            }
            madvise((void *) p, span, MADV_DONTNEED);
            posix_fadvise(fd, 0, span, POSIX_FADV_DONTNEED);
        }
    }
    if (!strcmp(mode, "fds")) {
        int n = atoi(argv[2]);
        for (int i = 0; i < n; i++) if (open("/dev/null", O_RDONLY) < 0) { perror("open"); return 1; }
        ready();
        for (;;) pause();
    }
    if (!strcmp(mode, "threads")) {
        int n = atoi(argv[2]);
        for (int i = 0; i < n; i++) { pthread_t t; if (pthread_create(&t, NULL, sleeper, NULL)) return 1; }
        ready();
        for (;;) pause();
    }
    if (!strcmp(mode, "hold")) {
        int s = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[2])), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
        int one = 1;
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(s, (struct sockaddr *) &a, sizeof a) || listen(s, 1)) { perror("listen"); return 1; }
        ready();
        int c = accept(s, NULL, NULL);
        if (c < 0) { perror("accept"); return 1; }
        for (;;) pause();
    }
    if (!strcmp(mode, "grow")) {
        long rate = atol(argv[2]), chunk = 1L << 20, most = 1024;
        char *chunks[1024];
        ready();
        for (;;) {
            for (long i = 0; i < most; i++) {
                chunks[i] = mmap(NULL, chunk, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                if (chunks[i] == MAP_FAILED) { perror("mmap"); return 1; }
                for (long off = 0; off < chunk; off += 4096) chunks[i][off] = 1;
                usleep(1000000 / rate);
            }
            for (long i = 0; i < most; i++) munmap(chunks[i], chunk);
        }
    }
    fprintf(stderr, "unknown mode %s\n", mode);
    return 2;
}
