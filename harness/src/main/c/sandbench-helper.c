/*
 * sandbench-helper: launches processes and probes HTTP readiness for the sandbench JVM.
 *
 * Why it exists: a JDK process launch posix_spawns jspawnhelper, which then execs the target (two
 * execs and a dynamic loader inside "from just before launch", ~0.6 ms of the launching thread's
 * CPU and a reaper thread per child), and a refused loopback connect in Java costs ~24 us of CPU
 * (socket, syscalls, exception). This process does both in a few syscalls: one vfork + execve per
 * launch, and for loopback endpoints one sock_diag dump per tick tells which ports listen, so a
 * connect is tried only where it can succeed (a refused connect costs ~11 us of kernel time here;
 * with 64 instances pending every 0.5 ms that was most of the probe's CPU). The JVM starts one
 * helper, counts its CPU as its own, and falls back to the JDK without one.
 *
 * Requests on stdin, frames "<length>\n<payload>", the payload NUL-terminated fields; none has a
 * reply of its own (the JVM never waits on one: a wake-up costs more than a launch's syscalls):
 *   spawn SEQ FILE DIR OUT ERR ARGC ARG... ENVC ENV...
 *                                                exec FILE (the JVM found it as exec would) with
 *                                                ARG... in DIR ("": here), stdout to OUT, stderr
 *                                                to ERR ("": OUT); "spawned" or "failed"
 *   watch WID ADDRESS PORT REQUEST INTERVAL_NS   probe until a 200; event "ready"
 *   unwatch WID                                  stop probing; event "dropped"
 *   yield                                        sched_yield() before the next launch (--stagger
 *                                                yield: the launching thread gives up the CPU)
 *   gap NS                                       the next launch NS after the last one at least
 *                                                (--stagger 25ms: enforced where launches happen)
 * Events on stderr, a line each, sent in batches while watches are pending (EVENT_BATCH_NS):
 *   spawned SEQ PID T_NS      T_NS: just before the launch (requests queue here; this is when)
 *   failed SEQ ERRNO PID TEXT the launch failed (exec's errno; PID of the child that tried, or 0)
 *   exit PID CODE             CODE: the exit status, or 128 + the signal (as the JDK reports it)
 *   ready WID T_NS ATTEMPTS   T_NS: when the 200's first bytes arrived (the kernel's receive
 *                             stamp), on CLOCK_MONOTONIC, the clock of Java's System.nanoTime()
 *   dropped WID ATTEMPTS
 *   error TEXT
 * Two threads: one reads requests and launches (a vfork suspends only the thread that calls it),
 * the other probes and reaps, so that probing goes on while launches queue. End of stdin (the JVM closed it or died): the helper exits; the processes it launched
 * live on (the JVM, or after a crash the next run, removes them by their owner mark).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Events wait up to this long while watches are pending, so that the JVM wakes a few times per
   batch of instances instead of once per instance (a thread wake costs 20-80 us of CPU here). The
   times inside the events are taken when things happen, so the delay changes no measurement. */
#define EVENT_BATCH_NS 50000000L
/* A connect still pending after this long lost its SYN (fresh tap or veth): drop it and retry
   rather than measure TCP's 1 s retransmission backoff. */
#define CONNECT_GIVE_UP_NS 25000000L
#define STATUS_BYTES 12 /* "HTTP/1.x 200" */

enum state { IDLE, CONNECTING, READING };

struct watch {
  long wid;
  struct sockaddr_storage addr;
  socklen_t addrlen;
  char *request;
  size_t request_len;
  long interval_ns;
  enum state state;
  int fd;
  long since_ns;    /* when the attempt in flight began */
  long next_try_ns; /* when an idle watch tries again */
  int attempts;
  int loopback; /* its listener, if any, is in this network namespace: sock_diag can see it */
  char head[STATUS_BYTES];
  size_t head_len;
  long first_byte_ns; /* when the response's first bytes arrived (the kernel's stamp) */
};

static struct watch *watches;
static size_t nwatches, capwatches;
static char *inbuf;
static size_t inlen, incap;
static long last_launch_ns; /* the reader's: when it last launched */

/* Which TCP ports listen here, from the last sock_diag dump (-1: none yet, or it failed). */
static unsigned char listening[65536 / 8];
static long listening_at = -1;
static int diag_fd = -2; /* -2: not opened yet; -1: sock_diag unusable, connect every tick */
/* The kernel stamps each arriving segment (SO_TIMESTAMPNS): a response is timed when it arrived,
   however late this thread reads it, so while it ticks anyway it reads responses at its ticks
   instead of waking once more for each (a wake costs 20-80 us of CPU here). 0 once a read came
   back without a stamp: then every response wakes it, and is timed at the wake. */
static int rx_stamps = 1;

static long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000L + t.tv_nsec;
}

static void write_all(int fd, const char *buf, size_t n) {
  for (size_t off = 0; off < n;) {
    ssize_t w = write(fd, buf + off, n - off);
    if (w < 0) {
      if (errno == EINTR) continue;
      exit(0); /* the JVM is gone */
    }
    off += w;
  }
}

/* One formatted line, cut to fit; its length. */
static size_t format_line(char line[1024], const char *fmt, va_list ap) {
  int n = vsnprintf(line, 1024, fmt, ap);
  return n < 0 ? 0 : (size_t)n >= 1024 ? 1023 : (size_t)n;
}

/* Writes a whole line now (fatal errors only: everything else goes through event()). */
static void emit(int fd, const char *fmt, ...) {
  char line[1024];
  va_list ap;
  va_start(ap, fmt);
  size_t n = format_line(line, fmt, ap);
  va_end(ap);
  write_all(fd, line, n);
}

/* Shared by the two threads, under lock. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char events[65536];
static size_t events_len;
static long events_since;
static size_t probing;       /* watches the probe thread has or is about to take */
static long probe_wake = -1; /* when the probe thread wakes next; -1: only when woken */
static struct watch *incoming;
static size_t nincoming, capincoming;
static long *unwatched;
static size_t nunwatched, capunwatched;
static int wake_fd; /* an eventfd: wakes the probe thread */

static void wake_prober(void) {
  uint64_t one = 1;
  if (write(wake_fd, &one, sizeof one) < 0) {
    /* The counter is saturated: the prober is awake already. */
  }
}

/* Under lock. */
static void flush_events(void) {
  write_all(2, events, events_len);
  events_len = 0;
}

/* Queues one event line for stderr: sent at once while nothing is probed, else batched. */
static void event(long now, const char *fmt, ...) {
  char line[1024];
  va_list ap;
  va_start(ap, fmt);
  size_t n = format_line(line, fmt, ap);
  va_end(ap);
  pthread_mutex_lock(&lock);
  if (events_len + n > sizeof events) flush_events();
  int first = events_len == 0;
  if (first) events_since = now;
  memcpy(events + events_len, line, n);
  events_len += n;
  if (probing == 0) {
    flush_events();
  } else if (first && (probe_wake < 0 || probe_wake > now + EVENT_BATCH_NS)) {
    wake_prober(); /* it sleeps past the batch's deadline: let it set its alarm for the batch */
  }
  pthread_mutex_unlock(&lock);
}

static void close_attempt(struct watch *w, long retry_at) {
  if (w->fd >= 0) close(w->fd);
  w->fd = -1;
  w->state = IDLE;
  w->head_len = 0;
  w->next_try_ns = retry_at;
}

static void remove_watch(size_t i) {
  close_attempt(&watches[i], 0);
  free(watches[i].request);
  watches[i] = watches[--nwatches];
}

static void send_request(struct watch *w, long now) {
  ssize_t n = send(w->fd, w->request, w->request_len, MSG_NOSIGNAL);
  if (n != (ssize_t)w->request_len) {
    close_attempt(w, now + w->interval_ns);
    return;
  }
  w->state = READING;
}

/* The kernel keeps only listening sockets with a source port in lo..hi. */
struct port_filter {
  struct nlattr bc;
  struct inet_diag_bc_op ops[4];
};

static struct port_filter port_filter(int lo, int hi) {
  struct port_filter f;
  f.bc.nla_len = NLA_HDRLEN + sizeof f.ops;
  f.bc.nla_type = INET_DIAG_REQ_BYTECODE;
  /* sport >= lo, else jump past the end (reject); sport <= hi, else reject. */
  f.ops[0] = (struct inet_diag_bc_op){INET_DIAG_BC_S_GE, 8, 20};
  f.ops[1] = (struct inet_diag_bc_op){0, 0, (unsigned short)lo};
  f.ops[2] = (struct inet_diag_bc_op){INET_DIAG_BC_S_LE, 8, 12};
  f.ops[3] = (struct inet_diag_bc_op){0, 0, (unsigned short)hi};
  return f;
}

/*
 * One dump of this namespace's listening TCP sockets, ports lo..hi only. family 0 asks with the
 * older request (TCPDIAG_GETSOCK), which covers IPv4 and IPv6 at once: one dump per tick, not two
 * (~11 us each here). A server on [::] takes IPv4 connections too, so both families count.
 */
static int dump_listening(int family, int lo, int hi) {
  struct {
    struct nlmsghdr nlh;
    struct inet_diag_req_v2 r;
    struct port_filter f;
  } req;
  struct {
    struct nlmsghdr nlh;
    struct inet_diag_req r;
    struct port_filter f;
  } old;
  void *msg;
  size_t len;
  if (family == 0) {
    memset(&old, 0, sizeof old);
    old.nlh.nlmsg_len = sizeof old;
    old.nlh.nlmsg_type = TCPDIAG_GETSOCK;
    old.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    old.r.idiag_states = 1 << 10; /* TCP_LISTEN */
    old.f = port_filter(lo, hi);
    msg = &old;
    len = sizeof old;
  } else {
    memset(&req, 0, sizeof req);
    req.nlh.nlmsg_len = sizeof req;
    req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    req.r.sdiag_family = family;
    req.r.sdiag_protocol = IPPROTO_TCP;
    req.r.idiag_states = 1 << 10;
    req.f = port_filter(lo, hi);
    msg = &req;
    len = sizeof req;
  }
  if (send(diag_fd, msg, len, 0) != (ssize_t)len) return -1;
  static char buf[32768];
  for (;;) {
    ssize_t n = recv(diag_fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_type == NLMSG_DONE) return 0;
      if (h->nlmsg_type == NLMSG_ERROR) return -1;
      if (h->nlmsg_type == SOCK_DIAG_BY_FAMILY || h->nlmsg_type == TCPDIAG_GETSOCK) {
        struct inet_diag_msg *m = NLMSG_DATA(h);
        int port = ntohs(m->id.idiag_sport);
        listening[port / 8] |= 1 << (port % 8);
      }
    }
  }
}

/* Refreshes the listening ports for the loopback watches; false when sock_diag cannot be used. */
static int refresh_listening(long now) {
  if (diag_fd == -2) {
    diag_fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (diag_fd < 0) diag_fd = -1;
  }
  if (diag_fd < 0) return 0;
  int lo = 65535, hi = 0;
  for (size_t i = 0; i < nwatches; i++) {
    struct sockaddr_in *a = (struct sockaddr_in *)&watches[i].addr;
    int port = ntohs(a->sin_port); /* same offset in sockaddr_in6 */
    if (watches[i].loopback && watches[i].state == IDLE) {
      if (port < lo) lo = port;
      if (port > hi) hi = port;
    }
  }
  memset(listening, 0, sizeof listening);
  static int per_family = 0; /* the older request was refused once: two dumps from then on */
  if (!per_family && dump_listening(0, lo, hi) < 0) {
    per_family = 1;
    memset(listening, 0, sizeof listening);
  }
  if (per_family && (dump_listening(AF_INET, lo, hi) < 0 || dump_listening(AF_INET6, lo, hi) < 0)) {
    close(diag_fd);
    diag_fd = -1;
    event(now, "error sock_diag unusable, probing by connect alone\n");
    return 0;
  }
  listening_at = now;
  return 1;
}

static int port_listens(struct watch *w) {
  int port = ntohs(((struct sockaddr_in *)&w->addr)->sin_port);
  return listening[port / 8] & (1 << (port % 8));
}

static void attempt(struct watch *w, long now) {
  w->fd = socket(w->addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (w->fd < 0) {
    event(now, "error socket: %s\n", strerror(errno));
    w->next_try_ns = now + w->interval_ns;
    return;
  }
  w->attempts++;
  w->since_ns = now;
  int one = 1;
  setsockopt(w->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (rx_stamps) setsockopt(w->fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one);
  if (connect(w->fd, (struct sockaddr *)&w->addr, w->addrlen) == 0) {
    send_request(w, now);
  } else if (errno == EINPROGRESS) {
    w->state = CONNECTING;
  } else {
    close_attempt(w, now + w->interval_ns); /* refused: not listening yet */
  }
}

/* When the bytes just read arrived, on CLOCK_MONOTONIC: the kernel's stamp, else now. */
static long arrival(struct msghdr *m, struct watch *w, long now) {
  for (struct cmsghdr *c = CMSG_FIRSTHDR(m); c != NULL; c = CMSG_NXTHDR(m, c)) {
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
      struct timespec stamp, real;
      memcpy(&stamp, CMSG_DATA(c), sizeof stamp);
      clock_gettime(CLOCK_REALTIME, &real);
      long at = now_ns() - ((real.tv_sec - stamp.tv_sec) * 1000000000L + real.tv_nsec - stamp.tv_nsec);
      return at < w->since_ns ? w->since_ns : at > now ? now : at; /* a clock step: stay sane */
    }
  }
  rx_stamps = 0;
  return now;
}

/* The first bytes of the response decide: a 200 is the instance's ready time. */
static int on_readable(struct watch *w, long polled_at) {
  char control[CMSG_SPACE(sizeof(struct timespec))];
  struct iovec iov = {w->head + w->head_len, STATUS_BYTES - w->head_len};
  struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
                     .msg_controllen = sizeof control};
  ssize_t n = recvmsg(w->fd, &m, MSG_DONTWAIT);
  if (n > 0) {
    if (w->head_len == 0) w->first_byte_ns = arrival(&m, w, polled_at);
    w->head_len += n;
    if (w->head_len < STATUS_BYTES) return 0;
    if (w->head[0] == 'H' && memcmp(w->head + 9, "200", 3) == 0) {
      event(polled_at, "ready %ld %ld %d\n", w->wid, w->first_byte_ns, w->attempts);
      return 1;
    }
  } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
    return 0;
  }
  /* End of stream, a reset or another status: try again at the next tick. */
  close_attempt(w, w->since_ns + w->interval_ns);
  return 0;
}

static void on_writable(struct watch *w, long now) {
  int err = 0;
  socklen_t len = sizeof err;
  getsockopt(w->fd, SOL_SOCKET, SO_ERROR, &err, &len);
  if (err != 0) {
    close_attempt(w, w->since_ns + w->interval_ns);
  } else {
    send_request(w, now);
  }
}

/* Fields of one frame payload: NUL-terminated strings, walked in order. */
struct fields {
  char *p, *end;
  int bad;
};

static char *next_field(struct fields *f) {
  if (f->bad || f->p >= f->end) {
    f->bad = 1;
    return "";
  }
  char *s = f->p;
  char *nul = memchr(s, '\0', f->end - s);
  if (nul == NULL) {
    f->bad = 1;
    return "";
  }
  f->p = nul + 1;
  return s;
}

static long next_long(struct fields *f) {
  char *s = next_field(f), *e;
  long v = strtol(s, &e, 10);
  if (*s == '\0' || *e != '\0') f->bad = 1;
  return v;
}

/*
 * vfork + execve: the child borrows this process's memory until it execs, so the launch costs no
 * page-table copy (fork: ~0.8 ms of CPU here) and no child stack (glibc's posix_spawn: ~0.45 ms,
 * vfork ~0.27 ms, measured on this machine). The child only opens, dup2s, resets its signal mask
 * and execs; a failed exec leaves its errno where the parent reads it once the child is gone.
 */
/* Where a launched process runs and writes: its directory ("": the helper's) and output files. */
struct spawn_io {
  const char *dir, *out, *err;
};

static pid_t launch(const char *path, char **argv, char **envp, const struct spawn_io *io,
                    int *err, pid_t *tried) {
  volatile int child_errno = 0;
  pid_t pid = vfork();
  if (pid == 0) {
    int in = open("/dev/null", O_RDONLY);
    int out = open(io->out, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    int errfd = *io->err ? open(io->err, O_WRONLY | O_CREAT | O_TRUNC, 0666) : out;
    if (in < 0 || out < 0 || errfd < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 ||
        dup2(errfd, 2) < 0 || (*io->dir && chdir(io->dir) < 0)) {
      child_errno = errno;
      _exit(127);
    }
    if (in > 2) close(in);
    if (out > 2) close(out);
    if (errfd > 2 && errfd != out) close(errfd);
    signal(SIGPIPE, SIG_DFL); /* ignored here; the child gets it back (its own signal table) */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve(path, argv, envp);
    child_errno = errno;
    _exit(127);
  }
  if (pid < 0) {
    *err = errno;
    return -1;
  }
  if (child_errno != 0) {
    /* It has exited; the prober reaps it and reports its exit, which the JVM matches to this. */
    *err = child_errno;
    *tried = pid;
    return -1;
  }
  return pid;
}

static void do_spawn(struct fields *f) {
  long seq = next_long(f);
  char *file = next_field(f);
  struct spawn_io io;
  io.dir = next_field(f);
  io.out = next_field(f);
  io.err = next_field(f);
  long argc = next_long(f);
  if (f->bad || argc < 1 || argc > 100000) {
    event(now_ns(), "failed %ld %d 0 malformed spawn request\n", seq, EINVAL);
    return;
  }
  char **argv = calloc(argc + 1, sizeof *argv);
  for (long i = 0; i < argc; i++) argv[i] = next_field(f);
  long envc = next_long(f);
  if (f->bad || envc < 0 || envc > 100000) {
    free(argv);
    event(now_ns(), "failed %ld %d 0 malformed spawn request\n", seq, EINVAL);
    return;
  }
  char **envp = calloc(envc + 1, sizeof *envp);
  for (long i = 0; i < envc; i++) envp[i] = next_field(f);
  if (f->bad) {
    free(argv);
    free(envp);
    event(now_ns(), "failed %ld %d 0 malformed spawn request\n", seq, EINVAL);
    return;
  }
  int rc = 0;
  long at = now_ns();
  last_launch_ns = at;
  pid_t tried = 0;
  pid_t pid = launch(file, argv, envp, &io, &rc, &tried);
  if (pid > 0) {
    event(at, "spawned %ld %d %ld\n", seq, (int)pid, at);
  } else {
    event(now_ns(), "failed %ld %d %d %s\n", seq, rc, (int)tried, strerror(rc));
  }
  free(argv);
  free(envp);
}

static void do_watch(struct fields *f) {
  long wid = next_long(f);
  char *address = next_field(f);
  long port = next_long(f);
  char *request = next_field(f);
  long interval = next_long(f);
  if (f->bad || port < 1 || port > 65535 || interval < 1000) {
    event(now_ns(), "error malformed watch request %ld\n", wid);
    return;
  }
  struct watch w = {.wid = wid, .interval_ns = interval, .state = IDLE, .fd = -1};
  struct sockaddr_in *v4 = (struct sockaddr_in *)&w.addr;
  struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&w.addr;
  if (inet_pton(AF_INET, address, &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    w.addrlen = sizeof *v4;
    w.loopback = (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
  } else if (inet_pton(AF_INET6, address, &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    w.addrlen = sizeof *v6;
    w.loopback = IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr);
  } else {
    event(now_ns(), "error watch %ld: not a numeric address: %s\n", wid, address);
    return;
  }
  w.request_len = strlen(request);
  w.request = strdup(request);
  pthread_mutex_lock(&lock);
  if (nincoming == capincoming) {
    capincoming = capincoming ? capincoming * 2 : 64;
    incoming = realloc(incoming, capincoming * sizeof *incoming);
  }
  incoming[nincoming++] = w;
  probing++;
  /* The prober takes it at its next wake; wake it now unless that is within one interval. */
  if (probe_wake < 0 || probe_wake > now_ns() + interval) wake_prober();
  pthread_mutex_unlock(&lock);
}

static void do_unwatch(struct fields *f) {
  long wid = next_long(f);
  if (f->bad) return;
  pthread_mutex_lock(&lock);
  if (nunwatched == capunwatched) {
    capunwatched = capunwatched ? capunwatched * 2 : 64;
    unwatched = realloc(unwatched, capunwatched * sizeof *unwatched);
  }
  unwatched[nunwatched++] = wid;
  wake_prober();
  pthread_mutex_unlock(&lock);
}

/* Prober: drops a watch the JVM gave up on (it may have had its 200 meanwhile: then nothing). */
static void drop(long wid) {
  int attempts = 0;
  for (size_t i = 0; i < nwatches; i++) {
    if (watches[i].wid == wid) {
      attempts = watches[i].attempts;
      remove_watch(i);
      break;
    }
  }
  event(now_ns(), "dropped %ld %d\n", wid, attempts);
}

/* Prober: takes the watches and unwatches the reader queued. */
static void take_requests(void) {
  static long *drops;
  static size_t capdrops;
  size_t ndrops;
  pthread_mutex_lock(&lock);
  if (nwatches + nincoming > capwatches) {
    capwatches = (nwatches + nincoming) * 2;
    watches = realloc(watches, capwatches * sizeof *watches);
  }
  memcpy(watches + nwatches, incoming, nincoming * sizeof *incoming);
  nwatches += nincoming;
  nincoming = 0;
  if (nunwatched > capdrops) {
    capdrops = nunwatched * 2;
    drops = realloc(drops, capdrops * sizeof *drops);
  }
  memcpy(drops, unwatched, nunwatched * sizeof *unwatched);
  ndrops = nunwatched;
  nunwatched = 0;
  pthread_mutex_unlock(&lock);
  for (size_t i = 0; i < ndrops; i++) drop(drops[i]);
}

/* Runs every complete frame in the input buffer; keeps a partial one for the next read. */
static void run_frames(void) {
  size_t off = 0;
  for (;;) {
    char *nl = memchr(inbuf + off, '\n', inlen - off);
    if (nl == NULL) break;
    long len = strtol(inbuf + off, NULL, 10);
    size_t start = nl + 1 - inbuf;
    if (len <= 0 || start + len > inlen) break;
    struct fields f = {inbuf + start, inbuf + start + len, 0};
    char *verb = next_field(&f);
    if (strcmp(verb, "spawn") == 0) {
      do_spawn(&f);
    } else if (strcmp(verb, "watch") == 0) {
      do_watch(&f);
    } else if (strcmp(verb, "unwatch") == 0) {
      do_unwatch(&f);
    } else if (strcmp(verb, "yield") == 0) {
      sched_yield();
    } else if (strcmp(verb, "gap") == 0) {
      long gap = next_long(&f);
      for (long left; !f.bad && (left = last_launch_ns + gap - now_ns()) > 0;) {
        struct timespec ts = {left / 1000000000L, left % 1000000000L};
        nanosleep(&ts, NULL);
      }
    } else if (strcmp(verb, "yield") == 0) {
      sched_yield();
    } else {
      event(now_ns(), "error unknown request '%s'\n", verb);
    }
    off = start + len;
  }
  memmove(inbuf, inbuf + off, inlen - off);
  inlen -= off;
}

/* Reader thread: requests until the JVM closes stdin. */
static void read_requests(void) {
  for (;;) {
    if (incap - inlen < 65536) {
      incap = incap * 2 + 65536;
      inbuf = realloc(inbuf, incap);
    }
    ssize_t n = read(0, inbuf + inlen, incap - inlen);
    if (n == 0) exit(0);
    if (n < 0) {
      if (errno == EINTR) continue;
      exit(0);
    }
    inlen += n;
    run_frames();
  }
}

static void reap(int sfd) {
  struct signalfd_siginfo si;
  while (read(sfd, &si, sizeof si) == sizeof si) {
  }
  int status;
  pid_t pid;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    event(now_ns(), "exit %d %d\n", (int)pid, code);
  }
}

/* Prober thread: attempts, responses, reaping, and when to send the events. */
static void *probe_loop(void *arg) {
  int sfd = *(int *)arg;
  /* Receive stamps are a system-wide switch (a static key: code patched on every CPU); the first
     socket that asks turns it on and the last one to close turns it off. Each probe socket doing
     so cost the instances 1.5-2 ms at 1 instance here: one socket keeps it on while we run. */
  int one = 1;
  int keep_stamps_on = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (keep_stamps_on < 0 ||
      setsockopt(keep_stamps_on, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one) < 0) {
    rx_stamps = 0;
  }
  struct pollfd *pfds = NULL;
  size_t cappfds = 0;
  for (;;) {
    take_requests();
    long now = now_ns();
    long wake = -1;
    int ticking = 0; /* some watch waits for its next try: this thread wakes at ticks anyway */
    for (size_t i = 0; i < nwatches; i++) {
      struct watch *w = &watches[i];
      if (w->state == CONNECTING && now - w->since_ns > CONNECT_GIVE_UP_NS) {
        close_attempt(w, now);
      }
      if (w->state == IDLE && now >= w->next_try_ns) {
        if (!w->loopback || diag_fd == -1) {
          attempt(w, now);
        } else if (listening_at == now || refresh_listening(now)) {
          /* Every loopback watch due before the next tick shares this dump: their ticks align. */
          for (size_t j = 0; j < nwatches; j++) {
            struct watch *v = &watches[j];
            if (!v->loopback || v->state != IDLE || v->next_try_ns > now + v->interval_ns) continue;
            if (port_listens(v)) {
              attempt(v, now);
            } else {
              v->next_try_ns = now + v->interval_ns;
            }
          }
        } else {
          attempt(w, now);
        }
      }
      long due = w->state == IDLE         ? w->next_try_ns
                 : w->state == CONNECTING ? w->since_ns + CONNECT_GIVE_UP_NS
                                          : -1;
      if (due >= 0 && (wake < 0 || due < wake)) wake = due;
      if (w->state == IDLE) ticking = 1;
    }
    int read_at_ticks = ticking && rx_stamps;
    pthread_mutex_lock(&lock);
    probing = nwatches + nincoming;
    if (events_len > 0 && (probing == 0 || now - events_since >= EVENT_BATCH_NS)) {
      flush_events();
    } else if (events_len > 0 && (wake < 0 || events_since + EVENT_BATCH_NS < wake)) {
      wake = events_since + EVENT_BATCH_NS;
    }
    if (nincoming > 0 || nunwatched > 0) wake = now; /* queued meanwhile: take them at once */
    probe_wake = wake;
    pthread_mutex_unlock(&lock);
    if (cappfds < nwatches + 2) {
      cappfds = (nwatches + 2) * 2;
      pfds = realloc(pfds, cappfds * sizeof *pfds);
    }
    pfds[0] = (struct pollfd){.fd = wake_fd, .events = POLLIN};
    pfds[1] = (struct pollfd){.fd = sfd, .events = POLLIN};
    for (size_t i = 0; i < nwatches; i++) {
      struct watch *w = &watches[i];
      short events = w->state == CONNECTING                 ? POLLOUT
                     : w->state == READING && !read_at_ticks ? POLLIN
                                                             : 0;
      pfds[i + 2] = (struct pollfd){.fd = w->fd, .events = events};
    }
    struct timespec ts, *timeout = NULL;
    if (wake >= 0) {
      long left = wake > now ? wake - now : 0;
      ts.tv_sec = left / 1000000000L;
      ts.tv_nsec = left % 1000000000L;
      timeout = &ts;
    }
    size_t polled = nwatches;
    int n = ppoll(pfds, polled + 2, timeout, NULL);
    if (n < 0) {
      if (errno == EINTR) continue;
      emit(2, "error poll: %s\n", strerror(errno));
      exit(1);
    }
    long at = now_ns();
    /* Watches first, highest index first: a finished one is swapped with the last. */
    for (size_t i = polled; i-- > 0;) {
      short re = pfds[i + 2].revents;
      struct watch *w = &watches[i];
      if ((re == 0 && !(read_at_ticks && w->state == READING)) || w->fd != pfds[i + 2].fd) continue;
      if (w->state == CONNECTING) {
        on_writable(w, at);
      } else if (w->state == READING && on_readable(w, at)) {
        remove_watch(i);
      }
    }
    if (pfds[1].revents) reap(sfd);
    if (pfds[0].revents) {
      uint64_t count;
      if (read(wake_fd, &count, sizeof count) < 0) {
        /* Nothing to read: woken by someone else's write already consumed. */
      }
    }
  }
  return NULL;
}

int main(void) {
  signal(SIGPIPE, SIG_IGN);
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, NULL); /* both threads: SIGCHLD comes through the signalfd */
  static int sfd;
  sfd = signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);
  wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (sfd < 0 || wake_fd < 0) {
    emit(2, "error signalfd/eventfd: %s\n", strerror(errno));
    return 1;
  }
  fcntl(0, F_SETFD, FD_CLOEXEC);
  fcntl(1, F_SETFD, FD_CLOEXEC);
  fcntl(2, F_SETFD, FD_CLOEXEC);
  pthread_t prober;
  if (pthread_create(&prober, NULL, probe_loop, &sfd) != 0) {
    emit(2, "error cannot start the probe thread\n");
    return 1;
  }
  read_requests();
  return 0;
}
