/*
 * echo_ll: the second C baseline for shadowdev's node path, the fastest plain FUSE server we know how to write.
 *
 * A libfuse 3 low-level filesystem with one file, /echo, and the same semantics as echofs.c: each open file handle
 * holds one message, write() stores the bytes, the next read() returns them (and empties the handle), a read with
 * nothing stored returns 0, a read whose buffer is smaller than the stored message fails with EOVERFLOW (the message
 * stays), a write larger than 131072 bytes fails with EMSGSIZE.
 *
 * Unlike echofs (libfuse 2.9 high-level API: paths, a global lock around the node table), this one answers the
 * kernel's requests directly by inode (lowlevel API) and runs fuse_session_loop_mt with clone_fd = 1: every worker
 * thread reads from its own clone of /dev/fuse, so no two workers queue on one file descriptor.
 *
 * Options: the shadowdev mount's (FuseMountPoint.OPTIONS). max_write is applied in init(); direct_io is applied per
 * open (fi->direct_io = 1) as libfuse 3 has no such mount option; big_writes is the default in libfuse 3 and ignored.
 *
 * Build: gcc -O2 -Wall -o echo_ll echo_ll.c $(pkg-config fuse3 --cflags --libs)
 * Run:   echo_ll -o direct_io,max_write=131072,max_read=131072,... MOUNTPOINT      (stays in the foreground)
 */
#define FUSE_USE_VERSION FUSE_MAKE_VERSION(3, 14)

#include <errno.h>
#include <fuse_lowlevel.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "echo_handle.h"

#define ECHO_NAME "echo"
#define ECHO_INO 2


static struct fuse_conn_info_opts *conn_opts;

static void echo_stat(fuse_ino_t ino, struct stat *st)
{
    memset(st, 0, sizeof(*st));
    st->st_ino = ino;
    if (ino == FUSE_ROOT_ID)
    {
        st->st_mode = S_IFDIR | 0755;
        st->st_nlink = 2;
    }
    else
    {
        st->st_mode = S_IFREG | 0666;
        st->st_nlink = 1;
    }
}

static void echo_init(void *userdata, struct fuse_conn_info *conn)
{
    (void)userdata;
    fuse_apply_conn_info_opts(conn_opts, conn);
    /* libfuse 3.14 hands init() max_read = 0 and then insists it equal the max_read mount option */
    conn->max_read = ECHO_CAPACITY;
}

static void echo_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
    if (parent != FUSE_ROOT_ID || strcmp(name, ECHO_NAME) != 0)
    {
        fuse_reply_err(req, ENOENT);
        return;
    }
    struct fuse_entry_param e;
    memset(&e, 0, sizeof(e));
    e.ino = ECHO_INO;
    e.attr_timeout = 1.0;
    e.entry_timeout = 1.0;
    echo_stat(ECHO_INO, &e.attr);
    fuse_reply_entry(req, &e);
}

static void echo_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
    (void)fi;
    if (ino != FUSE_ROOT_ID && ino != ECHO_INO)
    {
        fuse_reply_err(req, ENOENT);
        return;
    }
    struct stat st;
    echo_stat(ino, &st);
    fuse_reply_attr(req, &st, 1.0);
}

static void echo_setattr(fuse_req_t req, fuse_ino_t ino, struct stat *attr, int to_set, struct fuse_file_info *fi)
{
    (void)attr;
    (void)to_set;
    echo_getattr(req, ino, fi);
}

static void echo_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, struct fuse_file_info *fi)
{
    (void)fi;
    if (ino != FUSE_ROOT_ID)
    {
        fuse_reply_err(req, ENOTDIR);
        return;
    }
    char buf[512];
    size_t used = 0;
    const char *names[] = {".", "..", ECHO_NAME};
    const fuse_ino_t inos[] = {FUSE_ROOT_ID, FUSE_ROOT_ID, ECHO_INO};
    for (off_t i = off; i < 3; i++)
    {
        struct stat st;
        echo_stat(inos[i], &st);
        const size_t n = fuse_add_direntry(req, buf + used, sizeof(buf) - used, names[i], &st, i + 1);
        if (used + n > sizeof(buf) || used + n > size)
        {
            break;
        }
        used += n;
    }
    fuse_reply_buf(req, buf, used);
}

static void echo_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
    if (ino != ECHO_INO)
    {
        fuse_reply_err(req, EISDIR);
        return;
    }
    struct echo_handle *h = echo_handle_new();
    if (h == NULL)
    {
        fuse_reply_err(req, ENOMEM);
        return;
    }
    fi->fh = (uint64_t)(uintptr_t)h;
    fi->direct_io = 1;
    if (fuse_reply_open(req, fi) != 0)
    {
        echo_handle_free(h);
    }
}

static void echo_write(fuse_req_t req, fuse_ino_t ino, const char *buf, size_t size, off_t off,
    struct fuse_file_info *fi)
{
    (void)ino;
    (void)off;
    const int stored = echo_handle_store((struct echo_handle *)(uintptr_t)fi->fh, buf, size);
    if (stored < 0)
    {
        fuse_reply_err(req, -stored);
        return;
    }
    fuse_reply_write(req, size);
}

static void echo_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, struct fuse_file_info *fi)
{
    (void)ino;
    (void)off;
    struct echo_handle *h = (struct echo_handle *)(uintptr_t)fi->fh;
    pthread_mutex_lock(&h->lock);
    if (!h->full)
    {
        pthread_mutex_unlock(&h->lock);
        fuse_reply_buf(req, NULL, 0);
        return;
    }
    if (size < h->length)
    {
        pthread_mutex_unlock(&h->lock);
        fuse_reply_err(req, EOVERFLOW);
        return;
    }
    /* reply under the lock: the data is copied into the kernel before another write can replace it */
    fuse_reply_buf(req, h->data, h->length);
    h->full = 0;
    pthread_mutex_unlock(&h->lock);
}

static void echo_release(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
    (void)ino;
    echo_handle_free((struct echo_handle *)(uintptr_t)fi->fh);
    fuse_reply_err(req, 0);
}

static const struct fuse_lowlevel_ops echo_ops =
{
    .init = echo_init,
    .lookup = echo_lookup,
    .getattr = echo_getattr,
    .setattr = echo_setattr,
    .readdir = echo_readdir,
    .open = echo_open,
    .read = echo_read,
    .write = echo_write,
    .release = echo_release,
};

/* direct_io and big_writes are libfuse 2 options: accepted and dropped (see the header comment) */
static int drop_v2_options(void *data, const char *arg, int key, struct fuse_args *outargs)
{
    (void)data;
    (void)outargs;
    if (key == FUSE_OPT_KEY_OPT && (strcmp(arg, "direct_io") == 0 || strcmp(arg, "big_writes") == 0))
    {
        return 0;
    }
    return 1;
}

int main(int argc, char *argv[])
{
    struct fuse_args args = FUSE_ARGS_INIT(argc, argv);
    static const struct fuse_opt no_opts[] = {FUSE_OPT_END};
    if (fuse_opt_parse(&args, NULL, no_opts, drop_v2_options) != 0)
    {
        return 1;
    }
    conn_opts = fuse_parse_conn_info_opts(&args);
    struct fuse_cmdline_opts opts;
    if (conn_opts == NULL || fuse_parse_cmdline(&args, &opts) != 0)
    {
        return 1;
    }
    if (opts.mountpoint == NULL)
    {
        fprintf(stderr, "echo_ll: no mount point: usage=echo_ll -o OPTIONS MOUNTPOINT\n");
        return 1;
    }
    int rc = 1;
    struct fuse_session *se = fuse_session_new(&args, &echo_ops, sizeof(echo_ops), NULL);
    if (se == NULL)
    {
        goto out_args;
    }
    if (fuse_set_signal_handlers(se) != 0)
    {
        goto out_session;
    }
    if (fuse_session_mount(se, opts.mountpoint) != 0)
    {
        goto out_signals;
    }
    struct fuse_loop_config *config = fuse_loop_cfg_create();
    fuse_loop_cfg_set_clone_fd(config, 1);
    fuse_loop_cfg_set_max_threads(config, opts.max_threads);
    fprintf(stderr, "echo_ll: mounted on %s (fuse_session_loop_mt, clone_fd=1, max_threads=%u)\n",
        opts.mountpoint, opts.max_threads);
    rc = fuse_session_loop_mt(se, config) != 0;
    fuse_loop_cfg_destroy(config);
    fuse_session_unmount(se);
out_signals:
    fuse_remove_signal_handlers(se);
out_session:
    fuse_session_destroy(se);
out_args:
    free(opts.mountpoint);
    fuse_opt_free_args(&args);
    free(conn_opts);
    return rc;
}
