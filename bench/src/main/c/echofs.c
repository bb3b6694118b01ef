/*
 * echofs: the physical baseline for shadowdev's node path (DESIGN.md "bench").
 *
 * A libfuse 2.9 filesystem with one file, /echo. Each open file handle holds one message: write() stores the bytes,
 * the next read() returns them (and empties the handle), a read with nothing stored returns 0. This is the least a
 * FUSE filesystem can do for a write-a-request, read-a-response exchange, so the same load generator measuring it
 * and a shadowdev node gives the cost shadowdev adds on top of FUSE itself.
 *
 * Like shadowdev's node: a read whose buffer is smaller than the stored message fails with EOVERFLOW and the
 * message stays; a write larger than the mount's max_write (131072) fails with EMSGSIZE.
 *
 * Build: gcc -O2 -Wall -o echofs echofs.c $(pkg-config fuse --cflags --libs)
 * Run:   echofs -f -o direct_io,max_write=131072,... MOUNTPOINT      (multithreaded loop: no -s)
 */
#define FUSE_USE_VERSION 26

#include <errno.h>
#include <fuse.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "echo_handle.h"

#define ECHO_PATH "/echo"


static int echo_getattr(const char *path, struct stat *st)
{
    memset(st, 0, sizeof(*st));
    if (strcmp(path, "/") == 0)
    {
        st->st_mode = S_IFDIR | 0755;
        st->st_nlink = 2;
        return 0;
    }
    if (strcmp(path, ECHO_PATH) == 0)
    {
        st->st_mode = S_IFREG | 0666;
        st->st_nlink = 1;
        return 0;
    }
    return -ENOENT;
}

static int echo_readdir(const char *path, void *buf, fuse_fill_dir_t filler, off_t offset,
    struct fuse_file_info *fi)
{
    (void)offset;
    (void)fi;
    if (strcmp(path, "/") != 0)
    {
        return -ENOENT;
    }
    filler(buf, ".", NULL, 0);
    filler(buf, "..", NULL, 0);
    filler(buf, ECHO_PATH + 1, NULL, 0);
    return 0;
}

static int echo_open(const char *path, struct fuse_file_info *fi)
{
    if (strcmp(path, ECHO_PATH) != 0)
    {
        return -ENOENT;
    }
    struct echo_handle *h = echo_handle_new();
    if (h == NULL)
    {
        return -ENOMEM;
    }
    fi->fh = (uint64_t)(uintptr_t)h;
    fi->direct_io = 1;
    return 0;
}

static int echo_write(const char *path, const char *buf, size_t size, off_t offset, struct fuse_file_info *fi)
{
    (void)path;
    (void)offset;
    return echo_handle_store((struct echo_handle *)(uintptr_t)fi->fh, buf, size);
}

static int echo_read(const char *path, char *buf, size_t size, off_t offset, struct fuse_file_info *fi)
{
    (void)path;
    (void)offset;
    struct echo_handle *h = (struct echo_handle *)(uintptr_t)fi->fh;
    int n = 0;
    pthread_mutex_lock(&h->lock);
    if (h->full)
    {
        if (size < h->length)
        {
            n = -EOVERFLOW;
        }
        else
        {
            memcpy(buf, h->data, h->length);
            n = (int)h->length;
            h->full = 0;
        }
    }
    pthread_mutex_unlock(&h->lock);
    return n;
}

static int echo_truncate(const char *path, off_t size)
{
    (void)size;
    return strcmp(path, ECHO_PATH) == 0 ? 0 : -ENOENT;
}

static int echo_release(const char *path, struct fuse_file_info *fi)
{
    (void)path;
    echo_handle_free((struct echo_handle *)(uintptr_t)fi->fh);
    return 0;
}

static struct fuse_operations echo_ops =
{
    .getattr = echo_getattr,
    .readdir = echo_readdir,
    .open = echo_open,
    .read = echo_read,
    .write = echo_write,
    .truncate = echo_truncate,
    .release = echo_release,
};

int main(int argc, char *argv[])
{
    return fuse_main(argc, argv, &echo_ops, NULL);
}
