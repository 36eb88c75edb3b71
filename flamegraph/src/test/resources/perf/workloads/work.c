/* A small workload with a known call graph, user and kernel time, for perf record fixtures. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile unsigned long sink;

__attribute__((noinline)) static unsigned long leaf_hash(unsigned long x) {
    for (int i = 0; i < 200; i++) x = x * 6364136223846793005UL + 1442695040888963407UL;
    return x;
}
__attribute__((noinline)) static void spin_hash(int n) {
    for (int i = 0; i < n; i++) sink += leaf_hash(i);
    sink++;
}
__attribute__((noinline)) static void copy_buffers(int n) {
    static char a[1 << 16], b[1 << 16];
    for (int i = 0; i < n; i++) { memcpy(b, a, sizeof a); a[i & 0xffff] = b[(i * 7) & 0xffff]; }
}
__attribute__((noinline)) static int by_value(const void *x, const void *y) { return *(const int *)x - *(const int *)y; }
__attribute__((noinline)) static void sort_numbers(int n) {
    int *v = malloc(n * sizeof *v);
    for (int i = 0; i < n; i++) v[i] = (i * 2654435761u) % 100000;
    qsort(v, n, sizeof *v, by_value);
    sink += v[n / 2];
    free(v);
}
__attribute__((noinline)) static void write_null(int n) {
    static char buf[4096];
    int fd = open("/dev/null", O_WRONLY);
    for (int i = 0; i < n; i++) sink += write(fd, buf, sizeof buf);
    close(fd);
}
__attribute__((noinline)) static void read_zero(int n) {
    static char buf[1 << 16];
    int fd = open("/dev/zero", O_RDONLY);
    for (int i = 0; i < n; i++) sink += read(fd, buf, sizeof buf);
    close(fd);
}
__attribute__((noinline)) static void worker(int rounds) {
    for (int r = 0; r < rounds; r++) {
        spin_hash(20000);
        copy_buffers(2000);
        sort_numbers(50000);
        write_null(20000);
        read_zero(2000);
    }
}
int main(int argc, char **argv) {
    worker(argc > 1 ? atoi(argv[1]) : 20);
    printf("%lu\n", sink);
    return 0;
}
