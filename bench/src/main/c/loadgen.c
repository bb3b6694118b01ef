/*
 * loadgen: the bench's load generator, in C so that the client costs what an outsider's C client costs (a JVM client
 * steals a core's worth of JIT, GC and safepoints on a 2-core machine) and so that the figures can be re-measured
 * without the JVM.
 *
 *   loadgen MODE --node PATH[,PATH...] [--sessions N] [--size N] [--warmup-ms N] [--measure-ms N] [--server-pid PID]
 *
 * Measuring modes (one thread per session, session i on PATH[i % count], exchanges back to back):
 *   echo         write N bytes, read them back (the C echo servers: echofs, echo_ll)
 *   passthrough  a shadowdev manage message with one PASSTHROUGH of N bytes (ABI.md 1.1-1.3), read its response
 *   execute      load an ECHO workload image (DMA_XFER) and ACTIVATE it once per session, then one EXECUTE of N
 *                bytes per exchange
 *   openclose    one open(O_RDWR) and close() of the node per exchange (a session's whole life; --size ignored, reported 0)
 * The first exchange of each session compares the echoed bytes; later ones check length, tag and statuses. After
 * --warmup-ms, every exchange that starts within --measure-ms is timed. With --server-pid, the server's CPU time
 * (utime + stime of /proc/PID/stat) over the measured window is divided by the exchanges.
 *
 * Neighbour modes (run for --warmup-ms + --measure-ms or until SIGTERM, then count what they did):
 *   churn        per session: open, write one PASSTHROUGH, close, again (the response is never read)
 *   flood        per session: open once, then write PASSTHROUGHs and never read; refusals (EAGAIN, E2BIG, ...)
 *                are counted and the writer keeps trying
 *   spin         one busy-looping thread (for(;;)) until killed; no --node
 *
 * Neighbour modes print "loadgen: ready ..." on stderr once every session is set up (spin at once). Every mode but
 * spin prints one JSON object on stdout at the end: ops, ops_per_s, mb_per_s, p50_us, p99_us, p999_us, max_us,
 * mean_us, errors, error, server_cpu_us_per_op, client_cpu_us_per_op (neighbour modes: ops = accepted writes or
 * cycles, refused, errors). A measured window in which no exchange started (one exchange outlasted it) reports the
 * window as every percentile: a lower bound of that exchange's latency. Exit status 0, or 1 when
 * a measured session failed (its first error is in "error"), 2 on bad arguments.
 *
 * Build: gcc -O2 -Wall -pthread -o loadgen loadgen.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_NODES 64
#define MAX_SESSIONS 256
#define RESPONSE_CAPACITY 131072
#define MANAGE_MAX 65536
#define HDR 16
#define TRANS_REQ_HDR 8
#define TRANS_RSP_HDR 16
#define T_PASSTHROUGH 0x0001
#define T_DMA_XFER 0x0005
#define T_ACTIVATE 0x0007
#define T_EXECUTE 0x0101
#define IMAGE_HEADER 128
#define IMAGE_PAYLOAD 256
#define SLOT 0
#define ACTIVATE_ATTEMPTS 100
#define ACTIVATE_RETRY_NS 50000000L

enum mode { ECHO, PASSTHROUGH, EXECUTE, CHURN, FLOOD, SPIN, OPENCLOSE };
static const char *MODE_NAMES[] = {"echo", "passthrough", "execute", "churn", "flood", "spin", "openclose"};

struct config
{
    enum mode mode;
    const char *nodes[MAX_NODES];
    int node_count;
    int sessions;
    int size;
    long warmup_ms;
    long measure_ms;
    long server_pid;
};

struct session
{
    int index;
    const struct config *cfg;
    int fd;
    uint8_t *request;
    uint8_t *response;
    int request_length;
    int expected_length;
    uint32_t tag;
    uint64_t *latencies;
    size_t latency_count;
    size_t latency_capacity;
    long ops;
    long refused;
    long errors;
    char error[256];
};

static pthread_barrier_t start_barrier;
static volatile int64_t warmup_end_ns;
static volatile int64_t end_ns;
static volatile sig_atomic_t stopped;

/* SIGTERM stops the neighbour modes early; they still print what they did */
static void on_term(int sig)
{
    (void)sig;
    stopped = 1;
}

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static void sleep_until(int64_t deadline)
{
    struct timespec ts = {deadline / 1000000000L, deadline % 1000000000L};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
    {
    }
}

static void put32(uint8_t *p, uint32_t v)
{
    memcpy(p, &v, 4); /* x86-64 and aarch64: little-endian, as ABI.md says */
}

static void put64(uint8_t *p, uint64_t v)
{
    memcpy(p, &v, 8);
}

static uint32_t get32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static int pad8(int n)
{
    return (n + 7) & ~7;
}

/* CRC-32 (IEEE, as java.util.zip.CRC32), for the workload image's header_crc */
static uint32_t crc32(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++)
    {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
        {
            c = (c >> 1) ^ (0xEDB88320u & (uint32_t)-(int32_t)(c & 1));
        }
    }
    return ~c;
}

static void pattern(uint8_t *p, int n, int seed)
{
    for (int i = 0; i < n; i++)
    {
        p[i] = (uint8_t)(i * 31 + seed * 7 + 1);
    }
}

static void fail(struct session *s, const char *what, long value)
{
    s->errors++;
    if (s->error[0] == '\0')
    {
        snprintf(s->error, sizeof(s->error), "%s: session=%d node=%s status=%ld", what, s->index,
            s->cfg->nodes[s->index % s->cfg->node_count], value);
    }
}

/* One manage message with one transaction; returns its length. */
static int manage(uint8_t *m, uint32_t tag, uint32_t type, const uint8_t *body, int body_length)
{
    const int trans = TRANS_REQ_HDR + pad8(body_length);
    const int len = HDR + trans;
    memset(m, 0, (size_t)len);
    put32(m, (uint32_t)len);
    put32(m + 4, 1);
    put32(m + 8, tag);
    put32(m + HDR, type);
    put32(m + HDR + 4, (uint32_t)trans);
    memcpy(m + HDR + TRANS_REQ_HDR, body, (size_t)body_length);
    return len;
}

/* Write a request, read its response; returns the response's length, or -errno. Checks tag and both statuses. */
static int round_trip(struct session *s, int length, int *transaction_status)
{
    const ssize_t w = write(s->fd, s->request, (size_t)length);
    if (w != length)
    {
        return w < 0 ? -errno : -EIO;
    }
    const ssize_t n = read(s->fd, s->response, RESPONSE_CAPACITY);
    if (n < HDR + TRANS_RSP_HDR)
    {
        return n < 0 ? -errno : -EBADMSG;
    }
    if (get32(s->response + 8) != get32(s->request + 8))
    {
        return -EBADMSG;
    }
    const int32_t status = (int32_t)get32(s->response + 12);
    if (status != 0)
    {
        return status;
    }
    *transaction_status = (int32_t)get32(s->response + HDR + 8);
    return (int)n;
}

static int load_and_activate(struct session *s, uint32_t *dbc_id)
{
    uint8_t image[IMAGE_HEADER + IMAGE_PAYLOAD];
    memset(image, 0, sizeof(image));
    put32(image, 0x4C574453u);
    image[4] = 1;
    image[6] = IMAGE_HEADER;
    memcpy(image + 8, "bench-echo", 10);
    const uint64_t needs[5] = {1, 16u << 20, 1, 1, 1};
    for (int i = 0; i < 5; i++)
    {
        put64(image + 40 + 8 * i, needs[i]);
    }
    put32(image + 80, 1); /* ECHO */
    put64(image + 88, IMAGE_PAYLOAD);
    put32(image + 96, crc32(image, 96));

    uint8_t body[16 + sizeof(image)];
    put32(body, SLOT);
    put32(body + 4, sizeof(image));
    put64(body + 8, 0);
    memcpy(body + 16, image, sizeof(image));
    int ts = 0;
    int n = round_trip(s, manage(s->request, ++s->tag, T_DMA_XFER, body, sizeof(body)), &ts);
    if (n < 0 || ts != 0)
    {
        fail(s, "DMA_XFER failed", n < 0 ? n : ts);
        return -1;
    }
    uint8_t activate[8] = {0};
    put32(activate, SLOT);
    for (int attempt = 1; ; attempt++)
    {
        n = round_trip(s, manage(s->request, ++s->tag, T_ACTIVATE, activate, sizeof(activate)), &ts);
        /* ENOSPC for a moment: the kernel releases the previous round's sessions after their close() returned */
        if (n >= 0 && ts == -ENOSPC && attempt < ACTIVATE_ATTEMPTS)
        {
            struct timespec pause = {0, ACTIVATE_RETRY_NS};
            nanosleep(&pause, NULL);
            continue;
        }
        if (n < HDR + TRANS_RSP_HDR + 16 || ts != 0)
        {
            fail(s, "ACTIVATE failed", n < 0 ? n : ts);
            return -1;
        }
        *dbc_id = get32(s->response + HDR + TRANS_RSP_HDR);
        return 0;
    }
}

/* Open the session's node and build the request it sends; verify the first exchange's echo. */
static int set_up(struct session *s)
{
    const struct config *cfg = s->cfg;
    const char *node = cfg->nodes[s->index % cfg->node_count];
    s->fd = open(node, O_RDWR);
    if (s->fd < 0)
    {
        fail(s, "open failed", -errno);
        return -1;
    }
    if (cfg->mode == OPENCLOSE)
    {
        /* the session's first open was its check; every exchange opens its own */
        const int closed = close(s->fd);
        s->fd = -1;
        if (closed != 0)
        {
            fail(s, "close failed", -errno);
            return -1;
        }
        return 0;
    }
    if (posix_memalign((void **)&s->request, 4096, MANAGE_MAX + 4096) != 0 ||
        posix_memalign((void **)&s->response, 4096, RESPONSE_CAPACITY) != 0)
    {
        fail(s, "out of memory", -ENOMEM);
        return -1;
    }
    uint8_t *data = malloc((size_t)cfg->size + 8);
    pattern(data, cfg->size, s->index);
    int data_offset;
    if (cfg->mode == ECHO)
    {
        memcpy(s->request, data, (size_t)cfg->size);
        s->request_length = cfg->size;
        s->expected_length = cfg->size;
        data_offset = 0;
    }
    else if (cfg->mode == EXECUTE)
    {
        uint32_t dbc_id;
        if (load_and_activate(s, &dbc_id) != 0)
        {
            free(data);
            return -1;
        }
        uint8_t *body = malloc((size_t)cfg->size + 8);
        put32(body, dbc_id);
        put32(body + 4, (uint32_t)cfg->size);
        memcpy(body + 8, data, (size_t)cfg->size);
        s->request_length = manage(s->request, ++s->tag, T_EXECUTE, body, cfg->size + 8);
        s->expected_length = HDR + TRANS_RSP_HDR + 8 + pad8(cfg->size);
        data_offset = HDR + TRANS_RSP_HDR + 8;
        free(body);
    }
    else
    {
        s->request_length = manage(s->request, ++s->tag, T_PASSTHROUGH, data, cfg->size);
        s->expected_length = HDR + TRANS_RSP_HDR + pad8(cfg->size);
        data_offset = HDR + TRANS_RSP_HDR;
    }
    if (cfg->mode == CHURN || cfg->mode == FLOOD)
    {
        if (cfg->mode != FLOOD)
        {
            close(s->fd); /* churn opens its own session per cycle */
            s->fd = -1;
        }
        free(data);
        return 0;
    }
    int n;
    int ts = 0;
    if (cfg->mode == ECHO)
    {
        const ssize_t w = write(s->fd, s->request, (size_t)s->request_length);
        n = w != s->request_length ? (w < 0 ? -errno : -EIO) : (int)read(s->fd, s->response, RESPONSE_CAPACITY);
    }
    else
    {
        n = round_trip(s, s->request_length, &ts);
    }
    if (n != s->expected_length || ts != 0 || memcmp(s->response + data_offset, data, (size_t)cfg->size) != 0)
    {
        fail(s, "first exchange does not echo the request", n < 0 ? n : (ts != 0 ? ts : n));
        free(data);
        return -1;
    }
    free(data);
    return 0;
}

static void record(struct session *s, uint64_t ns)
{
    if (s->latency_count == s->latency_capacity)
    {
        s->latency_capacity = s->latency_capacity == 0 ? 65536 : s->latency_capacity * 2;
        s->latencies = realloc(s->latencies, s->latency_capacity * sizeof(uint64_t));
    }
    s->latencies[s->latency_count++] = ns;
}

/* One exchange of a measuring mode: 0, or -errno / a negative status. */
static int exchange(struct session *s)
{
    if (s->cfg->mode == OPENCLOSE)
    {
        const int fd = open(s->cfg->nodes[s->index % s->cfg->node_count], O_RDWR);
        if (fd < 0)
        {
            return -errno;
        }
        return close(fd) == 0 ? 0 : -errno;
    }
    if (s->cfg->mode == ECHO)
    {
        const ssize_t w = write(s->fd, s->request, (size_t)s->request_length);
        if (w != s->request_length)
        {
            return w < 0 ? -errno : -EIO;
        }
        const ssize_t n = read(s->fd, s->response, RESPONSE_CAPACITY);
        return n == s->expected_length ? 0 : (n < 0 ? -errno : -EBADMSG);
    }
    put32(s->request + 8, ++s->tag);
    int ts = 0;
    const int n = round_trip(s, s->request_length, &ts);
    if (n < 0)
    {
        return n;
    }
    return n != s->expected_length ? -EBADMSG : ts;
}

static int refusal(int err)
{
    return err == EAGAIN || err == E2BIG || err == ENOSPC || err == EBUSY || err == EDQUOT;
}

/* A failed call of a neighbour (result < 0, errno set, or a short count): a refusal, or an error. */
static void count_refusal(struct session *s, const char *what, ssize_t result)
{
    if (result < 0 && refusal(errno))
    {
        s->refused++;
    }
    else
    {
        fail(s, what, result < 0 ? -errno : (long)result);
    }
}

static void neighbour(struct session *s)
{
    const char *node = s->cfg->nodes[s->index % s->cfg->node_count];
    while (!stopped && now_ns() < end_ns)
    {
        if (s->cfg->mode == CHURN)
        {
            const int fd = open(node, O_RDWR);
            if (fd < 0)
            {
                count_refusal(s, "churn open failed", -1);
                continue;
            }
            put32(s->request + 8, ++s->tag);
            const ssize_t w = write(fd, s->request, (size_t)s->request_length);
            if (w == s->request_length)
            {
                s->ops++;
            }
            else
            {
                count_refusal(s, "churn write failed", w);
            }
            close(fd);
        }
        else
        {
            put32(s->request + 8, ++s->tag);
            const ssize_t w = write(s->fd, s->request, (size_t)s->request_length);
            if (w == s->request_length)
            {
                s->ops++;
            }
            else
            {
                count_refusal(s, "flood write failed", w);
            }
        }
    }
}

static void *run_session(void *arg)
{
    struct session *s = arg;
    const int ok = set_up(s) == 0;
    pthread_barrier_wait(&start_barrier);
    pthread_barrier_wait(&start_barrier);
    if (!ok)
    {
        return NULL;
    }
    if (s->cfg->mode == CHURN || s->cfg->mode == FLOOD)
    {
        neighbour(s);
        return NULL;
    }
    const int64_t warmup_end = warmup_end_ns;
    const int64_t end = end_ns;
    while (1)
    {
        const int64_t start = now_ns();
        if (start >= end)
        {
            break;
        }
        const int rc = exchange(s);
        const int64_t finish = now_ns();
        if (rc != 0)
        {
            fail(s, "exchange failed", rc);
            break;
        }
        if (start >= warmup_end)
        {
            record(s, (uint64_t)(finish - start));
            s->ops++;
        }
    }
    return NULL;
}

/* utime + stime of a process in clock ticks, -1 when it cannot be read */
static long cpu_ticks(long pid)
{
    char path[64];
    char buf[2048];
    snprintf(path, sizeof(path), pid == 0 ? "/proc/self/stat" : "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (f == NULL)
    {
        return -1;
    }
    const size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *p = strrchr(buf, ')');
    if (p == NULL)
    {
        return -1;
    }
    unsigned long utime = 0;
    unsigned long stime = 0;
    /* after ") ": field 3 (state) ... field 14 utime, field 15 stime */
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2)
    {
        return -1;
    }
    return (long)(utime + stime);
}

static int compare_u64(const void *a, const void *b)
{
    const uint64_t x = *(const uint64_t *)a;
    const uint64_t y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static double percentile_us(const uint64_t *sorted, size_t n, double q)
{
    if (n == 0)
    {
        return 0;
    }
    size_t i = (size_t)(q * (double)n);
    return (double)sorted[i >= n ? n - 1 : i] / 1e3;
}

static int usage(const char *why)
{
    fprintf(stderr, "loadgen: bad arguments: %s\n"
        "usage: loadgen echo|passthrough|execute|churn|flood|spin|openclose --node PATH[,PATH...] [--sessions N] "
        "[--size N] [--warmup-ms N] [--measure-ms N] [--server-pid PID]\n", why);
    return 2;
}

static int parse(int argc, char **argv, struct config *cfg)
{
    if (argc < 2)
    {
        return usage("no mode");
    }
    cfg->mode = (enum mode)-1;
    for (int m = ECHO; m <= OPENCLOSE; m++)
    {
        if (strcmp(argv[1], MODE_NAMES[m]) == 0)
        {
            cfg->mode = (enum mode)m;
        }
    }
    if ((int)cfg->mode < 0)
    {
        return usage("unknown mode");
    }
    cfg->sessions = 1;
    cfg->size = 4096;
    cfg->warmup_ms = 1000;
    cfg->measure_ms = 2000;
    for (int i = 2; i + 1 < argc; i += 2)
    {
        const char *k = argv[i];
        char *v = argv[i + 1];
        if (strcmp(k, "--node") == 0)
        {
            for (char *tok = strtok(v, ","); tok != NULL && cfg->node_count < MAX_NODES; tok = strtok(NULL, ","))
            {
                cfg->nodes[cfg->node_count++] = tok;
            }
        }
        else if (strcmp(k, "--sessions") == 0)
        {
            cfg->sessions = atoi(v);
        }
        else if (strcmp(k, "--size") == 0)
        {
            cfg->size = atoi(v);
        }
        else if (strcmp(k, "--warmup-ms") == 0)
        {
            cfg->warmup_ms = atol(v);
        }
        else if (strcmp(k, "--measure-ms") == 0)
        {
            cfg->measure_ms = atol(v);
        }
        else if (strcmp(k, "--server-pid") == 0)
        {
            cfg->server_pid = atol(v);
        }
        else
        {
            return usage(k);
        }
    }
    if (argc % 2 != 0)
    {
        return usage("options come in --name value pairs");
    }
    if (cfg->mode != SPIN && cfg->node_count == 0)
    {
        return usage("no --node");
    }
    if (cfg->sessions < 1 || cfg->sessions > MAX_SESSIONS)
    {
        return usage("--sessions out of 1..256");
    }
    if (cfg->mode == OPENCLOSE)
    {
        cfg->size = 0; /* no payload: mb_per_s is 0 */
        return cfg->warmup_ms < 0 || cfg->measure_ms <= 0 ? usage("--warmup-ms or --measure-ms out of range") : 0;
    }
    const int max_size = cfg->mode == ECHO ? RESPONSE_CAPACITY : (cfg->mode == EXECUTE ? MANAGE_MAX - 32 : MANAGE_MAX - 24);
    if (cfg->size < 8 || cfg->size > max_size || (cfg->mode != ECHO && cfg->size % 8 != 0))
    {
        return usage("--size out of range (a multiple of 8 up to one 64 KiB manage message)");
    }
    if (cfg->warmup_ms < 0 || cfg->measure_ms <= 0)
    {
        return usage("--warmup-ms or --measure-ms out of range");
    }
    return 0;
}

int main(int argc, char **argv)
{
    static struct config cfg;
    const int bad = parse(argc, argv, &cfg);
    if (bad != 0)
    {
        return bad;
    }
    if (cfg.mode == SPIN)
    {
        fprintf(stderr, "loadgen: ready mode=spin\n");
        for (volatile unsigned long i = 0; ; i++)
        {
        }
    }
    struct sigaction term;
    memset(&term, 0, sizeof(term));
    term.sa_handler = on_term;
    sigaction(SIGTERM, &term, NULL);
    struct session *sessions = calloc((size_t)cfg.sessions, sizeof(struct session));
    pthread_t *threads = calloc((size_t)cfg.sessions, sizeof(pthread_t));
    pthread_barrier_init(&start_barrier, NULL, (unsigned)cfg.sessions + 1);
    for (int i = 0; i < cfg.sessions; i++)
    {
        sessions[i].index = i;
        sessions[i].cfg = &cfg;
        sessions[i].fd = -1;
        pthread_create(&threads[i], NULL, run_session, &sessions[i]);
    }
    pthread_barrier_wait(&start_barrier);
    const int neighbour_mode = cfg.mode == CHURN || cfg.mode == FLOOD;
    if (neighbour_mode)
    {
        fprintf(stderr, "loadgen: ready mode=%s sessions=%d size=%d\n", MODE_NAMES[cfg.mode], cfg.sessions, cfg.size);
    }
    const int64_t start = now_ns();
    warmup_end_ns = start + cfg.warmup_ms * 1000000L;
    end_ns = warmup_end_ns + cfg.measure_ms * 1000000L;
    pthread_barrier_wait(&start_barrier);

    long server0 = -1;
    long server1 = -1;
    long client0 = cpu_ticks(0);
    long client1;
    if (!neighbour_mode)
    {
        sleep_until(warmup_end_ns);
        server0 = cfg.server_pid > 0 ? cpu_ticks(cfg.server_pid) : -1;
        client0 = cpu_ticks(0);
        sleep_until(end_ns);
        server1 = cfg.server_pid > 0 ? cpu_ticks(cfg.server_pid) : -1;
    }
    client1 = cpu_ticks(0);
    for (int i = 0; i < cfg.sessions; i++)
    {
        pthread_join(threads[i], NULL);
    }
    if (neighbour_mode)
    {
        client1 = cpu_ticks(0);
    }
    const double elapsed = (double)(now_ns() - start) / 1e9;

    long ops = 0;
    long refused = 0;
    long errors = 0;
    size_t count = 0;
    const char *error = "";
    for (int i = 0; i < cfg.sessions; i++)
    {
        ops += sessions[i].ops;
        refused += sessions[i].refused;
        errors += sessions[i].errors;
        count += sessions[i].latency_count;
        if (error[0] == '\0' && sessions[i].error[0] != '\0')
        {
            error = sessions[i].error;
        }
    }
    uint64_t *all = malloc((count + 1) * sizeof(uint64_t));
    size_t k = 0;
    double sum = 0;
    for (int i = 0; i < cfg.sessions; i++)
    {
        for (size_t j = 0; j < sessions[i].latency_count; j++)
        {
            all[k++] = sessions[i].latencies[j];
            sum += (double)sessions[i].latencies[j];
        }
    }
    qsort(all, count, sizeof(uint64_t), compare_u64);
    if (count == 0 && !neighbour_mode)
    {
        all[count++] = (uint64_t)cfg.measure_ms * 1000000u;
        sum = (double)all[0];
    }
    const double seconds = neighbour_mode ? elapsed : cfg.measure_ms / 1e3;
    const long tick_ns = 1000000000L / sysconf(_SC_CLK_TCK);
    const double server_cpu = server0 < 0 || server1 < 0 || ops == 0 ? -1 :
        (double)(server1 - server0) * (double)tick_ns / 1e3 / (double)ops;
    const double client_cpu = ops == 0 ? -1 : (double)(client1 - client0) * (double)tick_ns / 1e3 / (double)ops;
    printf("{\"mode\":\"%s\",\"sessions\":%d,\"size\":%d,\"nodes\":%d,\"warmup_ms\":%ld,\"measure_ms\":%ld,"
        "\"ops\":%ld,\"seconds\":%.3f,\"ops_per_s\":%.1f,\"mb_per_s\":%.3f,\"p50_us\":%.1f,\"p99_us\":%.1f,"
        "\"p999_us\":%.1f,\"max_us\":%.1f,\"mean_us\":%.1f,\"server_cpu_us_per_op\":%.2f,"
        "\"client_cpu_us_per_op\":%.2f,\"refused\":%ld,\"errors\":%ld,\"error\":\"%s\"}\n",
        MODE_NAMES[cfg.mode], cfg.sessions, cfg.size, cfg.node_count, cfg.warmup_ms, cfg.measure_ms, ops, seconds,
        (double)ops / seconds, (double)ops * cfg.size / seconds / 1e6, percentile_us(all, count, 0.50),
        percentile_us(all, count, 0.99), percentile_us(all, count, 0.999),
        count == 0 ? 0 : (double)all[count - 1] / 1e3, count == 0 ? 0 : sum / (double)count / 1e3, server_cpu,
        client_cpu, refused, errors, error);
    fflush(stdout);
    return !neighbour_mode && errors > 0 ? 1 : 0;
}
