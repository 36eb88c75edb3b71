/*
 * A mount that never answers: opens /dev/fuse, mounts it as a "fuse.sshfs" network filesystem at
 * argv[1] and then never reads a request, so statfs() on it blocks until this process dies (the
 * kernel then aborts the connection). Prints "mounted" once the mount exists.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mount.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: hung-mount DIR\n");
        return 2;
    }
    int fd = open("/dev/fuse", O_RDWR);
    if (fd < 0) {
        perror("open /dev/fuse");
        return 1;
    }
    char options[128];
    snprintf(options, sizeof options, "fd=%d,rootmode=40000,user_id=0,group_id=0", fd);
    if (mount("hung", argv[1], "fuse.sshfs", MS_NOSUID | MS_NODEV, options) != 0) {
        perror("mount");
        return 1;
    }
    printf("mounted\n");
    fflush(stdout);
    for (;;) {
        pause();
    }
}
