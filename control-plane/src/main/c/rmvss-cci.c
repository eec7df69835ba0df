/*
 * rmvss-cci: the CCI commands of the simulated array (horcmstart, pairdisplay, paircreate, ...).
 * Every bin/cci/<command> is a link to this one binary; it forwards its name, arguments, working
 * directory and the HORCM/HORCC environment to the array daemon over a Unix socket and relays
 * the daemon's stdout, stderr and exit code. Keeping the work in the daemon means no JVM start
 * per command, so a command answers in milliseconds as CCI's own do.
 *
 * Wire format (both directions big-endian):
 *   request : u32 count, then count x (u32 length, bytes) tagged strings:
 *             "n:<command>", "a:<argument>", "e:<NAME=value>", "c:<cwd>", "i:<piped-in text>"
 *   response: frames of (u8 kind, u32 length, bytes); kind '1' stdout, '2' stderr,
 *             'x' exit (4-byte exit code), after which the daemon closes the stream.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

extern char **environ;

#define EX_ATTHOR 251

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int write_all(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int read_all(int fd, void *buf, size_t len) {
    char *p = buf;
    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Request buffer: grows as tagged strings are appended. */
struct request {
    char *data;
    size_t len, cap;
    uint32_t count;
};

static void put_bytes(struct request *r, const void *bytes, size_t n) {
    if (r->len + n > r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 4096;
        while (cap < r->len + n) cap *= 2;
        r->data = realloc(r->data, cap);
        if (!r->data) { perror("rmvss-cci"); exit(245); }
        r->cap = cap;
    }
    memcpy(r->data + r->len, bytes, n);
    r->len += n;
}

static void put_u32(struct request *r, uint32_t v) {
    unsigned char b[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8), (unsigned char)v};
    put_bytes(r, b, 4);
}

static void put_tagged(struct request *r, char tag, const char *s) {
    size_t n = strlen(s);
    put_u32(r, (uint32_t)(n + 2));
    char head[2] = {tag, ':'};
    put_bytes(r, head, 2);
    put_bytes(r, s, n);
    r->count++;
}

/*
 * inqraid with no device argument and raidscan -find without -pi read device names from stdin,
 * as CCI does (ls /dev/sd* | inqraid -CLI). Only then is stdin read, and never from a terminal.
 */
static int reads_stdin(const char *command, int argc, char **argv, int first) {
    if (isatty(STDIN_FILENO)) return 0;
    if (strcmp(command, "inqraid") == 0) {
        for (int i = first; i < argc; i++)
            if (argv[i][0] != '-') return 0;
        return 1;
    }
    if (strcmp(command, "raidscan") == 0) {
        int find = 0;
        for (int i = first; i < argc; i++) {
            if (strcmp(argv[i], "-pi") == 0) return 0;
            if (strcmp(argv[i], "-find") == 0) find = 1;
        }
        return find;
    }
    return 0;
}

/* Piped-in device names, bounded so a stray binary stream cannot exhaust memory. */
static char *read_stdin(void) {
    size_t cap = 4096, len = 0, limit = 1 << 20;
    char *text = malloc(cap);
    if (!text) return NULL;
    for (;;) {
        if (len + 1 >= cap) {
            if (cap >= limit) break;
            cap *= 2;
            char *bigger = realloc(text, cap);
            if (!bigger) break;
            text = bigger;
        }
        ssize_t n = read(STDIN_FILENO, text + len, cap - 1 - len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        len += (size_t)n;
    }
    text[len] = '\0';
    return text;
}

/* Which environment reaches the array: CCI's own variables and ours. */
static int forwarded(const char *entry) {
    return strncmp(entry, "HORC", 4) == 0 || strncmp(entry, "RMVSS_", 6) == 0;
}

static void socket_path(char *out, size_t size) {
    const char *explicit_path = getenv("RMVSS_ARRAY_SOCKET");
    const char *dir = getenv("RMVSS_ARRAY");
    if (explicit_path && *explicit_path) {
        snprintf(out, size, "%s", explicit_path);
    } else if (dir && *dir) {
        snprintf(out, size, "%s/array.sock", dir);
    } else {
        const char *home = getenv("HOME");
        snprintf(out, size, "%s/.rmvss/array/array.sock", home ? home : "");
    }
}

int main(int argc, char **argv) {
    const char *command = base_name(argv[0]);
    /* Called as rmvss-cci itself: the command is the first argument. */
    int first = 1;
    if (strcmp(command, "rmvss-cci") == 0) {
        if (argc < 2) {
            fprintf(stderr, "usage: rmvss-cci <cci-command> [arguments]\n");
            return 2;
        }
        command = argv[1];
        first = 2;
    }

    char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
    socket_path(path, sizeof path);

    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        fprintf(stderr, "%s: [EX_ATTHOR] Can't be attached to HORC manager\n", command);
        fprintf(stderr, "%s: the simulated array is not running (no answer on %s: %s);"
                        " start it with: rmvss array serve --data DIR, and set RMVSS_ARRAY=DIR\n",
                command, path, strerror(errno));
        return EX_ATTHOR;
    }

    struct request req = {0};
    put_u32(&req, 0); /* count, patched below */
    put_tagged(&req, 'n', command);
    for (int i = first; i < argc; i++) put_tagged(&req, 'a', argv[i]);
    for (char **e = environ; *e; e++)
        if (forwarded(*e)) put_tagged(&req, 'e', *e);
    char cwd[4096];
    if (getcwd(cwd, sizeof cwd)) put_tagged(&req, 'c', cwd);
    if (reads_stdin(command, argc, argv, first)) {
        char *piped = read_stdin();
        if (piped) {
            put_tagged(&req, 'i', piped);
            free(piped);
        }
    }
    req.data[0] = (char)(req.count >> 24);
    req.data[1] = (char)(req.count >> 16);
    req.data[2] = (char)(req.count >> 8);
    req.data[3] = (char)req.count;
    if (write_all(fd, req.data, req.len) != 0) {
        fprintf(stderr, "%s: [EX_COMERR] Can't be communicated with HORC manager\n", command);
        return 255;
    }
    free(req.data);

    char *buf = NULL;
    size_t cap = 0;
    for (;;) {
        unsigned char head[5];
        if (read_all(fd, head, 5) != 0) break;
        uint32_t n = ((uint32_t)head[1] << 24) | ((uint32_t)head[2] << 16) | ((uint32_t)head[3] << 8) | head[4];
        if (n > cap) {
            buf = realloc(buf, n);
            if (!buf) { perror("rmvss-cci"); return 245; }
            cap = n;
        }
        if (n > 0 && read_all(fd, buf, n) != 0) break;
        if (head[0] == '1') {
            write_all(STDOUT_FILENO, buf, n);
        } else if (head[0] == '2') {
            write_all(STDERR_FILENO, buf, n);
        } else if (head[0] == 'x' && n == 4) {
            unsigned char *b = (unsigned char *)buf;
            return (int)(((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3]);
        }
    }
    fprintf(stderr, "%s: [EX_COMERR] Can't be communicated with HORC manager (the array daemon closed the connection)\n", command);
    return 255;
}
