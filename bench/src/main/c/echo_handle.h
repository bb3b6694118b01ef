/*
 * The one piece both C echo servers share (echofs.c on libfuse 2.9's high-level API, echo_ll.c on libfuse 3's
 * low-level API): a per-open-file store that keeps the last write until the next read takes it.
 */
#ifndef ECHO_HANDLE_H
#define ECHO_HANDLE_H

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ECHO_CAPACITY 131072

struct echo_handle
{
    pthread_mutex_t lock;
    size_t length;
    int full;
    char data[ECHO_CAPACITY];
};

/* A new, empty store, or NULL when memory is short. */
static inline struct echo_handle *echo_handle_new(void)
{
    struct echo_handle *h = malloc(sizeof(*h));
    if (h != NULL)
    {
        pthread_mutex_init(&h->lock, NULL);
        h->length = 0;
        h->full = 0;
    }
    return h;
}

static inline void echo_handle_free(struct echo_handle *h)
{
    pthread_mutex_destroy(&h->lock);
    free(h);
}

/* Keep one write (replacing any unread one): its size, or -EMSGSIZE above the capacity. */
static inline int echo_handle_store(struct echo_handle *h, const char *buf, size_t size)
{
    if (size > ECHO_CAPACITY)
    {
        return -EMSGSIZE;
    }
    pthread_mutex_lock(&h->lock);
    memcpy(h->data, buf, size);
    h->length = size;
    h->full = 1;
    pthread_mutex_unlock(&h->lock);
    return (int)size;
}

#endif
