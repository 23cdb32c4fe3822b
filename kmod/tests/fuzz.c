// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz: random ioctls on /dev/cogos_tensor and /dev/cogos_compute from several threads at once, for
 * a bounded time or number of iterations: random opcodes, dtypes, flags, priorities and shapes
 * (mostly coherent so that work really reaches the workers, sometimes huge or inconsistent),
 * operands in all three memory kinds and wild ones (NULL, unmapped, PROT_NONE, read-only, kernel
 * addresses, misaligned, offsets near 2^64, pool offsets not owned), random ALLOC/FREE/mmap/munmap,
 * files closed with mappings live, forks, and signals arriving during calls. Results are not
 * checked (selftest does that); the point is that the kernel survives: the harness fails the run on
 * any oops or WARNING in the log and runs rmmod afterwards. At the end every file is closed and the
 * pool must be empty again.
 *
 *   fuzz [--seconds N] [--iterations N] [--threads N] [--seed N] [--trace 0|1]
 * (default: 20 s, 4 threads; --trace prints every step, to find what a crash followed).
 * Prints "FUZZ DONE calls=... errors=..." and exits 0, or "FUZZ FAIL ..." and exits 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "../lib/cogos_kernels.h"

#define MAX_THREADS	16
#define NALLOCS		8
#define BUF_BYTES	(1u << 20)

static long seconds = 20, iterations = -1;
static int nthreads = 4, trace;
static unsigned long long seed = 1;
static atomic_long ncalls, nerrors;
static atomic_int finished, release;
static size_t page;

struct alloc {
	uint64_t offset, bytes;
	void *map;
	size_t maplen;
	int live;
};

struct thr {
	pthread_t tid;
	int id, fd, cfd;
	uint64_t rng;
	struct alloc al[NALLOCS];
	unsigned char *buf;	/* BUF_BYTES, read-write */
	unsigned char *ro;	/* one read-only page */
	unsigned char *noaccess;	/* one PROT_NONE page (an unmapped one could be reused) */
	long iters;
};

static struct thr thrs[MAX_THREADS];

static uint32_t rnd(struct thr *t)
{
	t->rng ^= t->rng << 13;
	t->rng ^= t->rng >> 7;
	t->rng ^= t->rng << 17;
	return t->rng >> 32;
}

/* 0 .. n-1 for n >= 1 */
static uint64_t pick(struct thr *t, uint64_t n)
{
	return (((uint64_t)rnd(t) << 32) | rnd(t)) % n;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void xcall(int fd, unsigned long cmd, void *arg)
{
	atomic_fetch_add(&ncalls, 1);
	if (ioctl(fd, cmd, arg))
		atomic_fetch_add(&nerrors, 1);
}

/* Mostly small dimensions, sometimes edge and huge ones. */
static uint32_t rand_dim(struct thr *t)
{
	static const uint32_t edge[] = { 0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 63, 65,
					 127, 129, 255, 257, 65535, 65536, 65537, 0x7fffffff,
					 0xffffffff };
	uint32_t r = pick(t, 100);

	if (r < 80)
		return 1 + pick(t, 48);
	if (r < 90)
		return 1 + pick(t, 300);
	return edge[pick(t, sizeof(edge) / sizeof(edge[0]))];
}

static uint64_t wild_addr(struct thr *t)
{
	const uint64_t wild[] = {
		0, 4, 4096, 0x8000, (uintptr_t)t->noaccess, (uintptr_t)t->ro, 0xffff800000000000ull,
		0xffffffff81000000ull, 0xfffffffffffffff0ull, 0xffffffffffffff00ull,
		0x7ffffffff000ull,
		0x800000000000ull, 1ull << 62, (uintptr_t)t->buf + BUF_BYTES - 4,
		(uintptr_t)t->buf + 1, (uintptr_t)t->buf + 2, 0xdead0000,
	};

	return wild[pick(t, sizeof(wild) / sizeof(wild[0]))];
}

static void *wild_ptr(struct thr *t)
{
	return (void *)(uintptr_t)wild_addr(t);
}

static void rand_desc(struct thr *t, struct cogos_tensor_desc *d, uint32_t rows, uint32_t cols)
{
	uint64_t bytes = (uint64_t)rows * cols * 4;
	uint32_t r = pick(t, 40);	/* one descriptor in ten is wild */
	struct alloc *a = &t->al[pick(t, NALLOCS)];

	memset(d, 0, sizeof(*d));
	d->rows = rows;
	d->cols = cols;
	if (r < 12) {
		d->mem = COGOS_MEM_POOL;
		if (a->live && bytes <= a->bytes)
			d->addr = a->offset + (pick(t, (a->bytes - bytes) / 4 + 1) * 4);
		else
			d->addr = (uint64_t)pick(t, 1 << 24) * 4;
	} else if (r < 36) {
		d->mem = r < 26 ? COGOS_MEM_COPY : COGOS_MEM_PINNED;
		if (bytes <= BUF_BYTES)
			d->addr = (uintptr_t)t->buf + pick(t, (BUF_BYTES - bytes) / 4 + 1) * 4;
		else
			d->addr = (uintptr_t)t->buf;
	} else if (r < 38) {
		d->mem = pick(t, 3);
		d->addr = wild_addr(t);
	} else if (r < 39) {
		d->mem = pick(t, 3);
		d->addr = (uintptr_t)t->buf + 4 * pick(t, 1000) + 1 + pick(t, 3);
	} else {
		d->addr = ((uint64_t)rnd(t) << 32) | rnd(t);
		d->mem = pick(t, 5);
		d->reserved = pick(t, 4) ? 0 : rnd(t);
	}
}

static void rand_op(struct thr *t, struct cogos_tensor_op *op)
{
	uint32_t m = rand_dim(t), k = rand_dim(t), n = rand_dim(t);
	uint32_t opcode = pick(t, 10) ? pick(t, 6) : rnd(t);

	memset(op, 0, sizeof(*op));
	op->opcode = opcode;
	op->dtype = pick(t, 8) ? (pick(t, 3) ? COGOS_DT_F32 : COGOS_DT_I32) : rnd(t);
	op->flags = pick(t, 4) ? (opcode == COGOS_OP_DENSE ? pick(t, 2) : 0) : rnd(t) & 7;
	op->priority = pick(t, 10) ? pick(t, 4) : rnd(t);
	switch (opcode) {
	case COGOS_OP_SUM:
		rand_desc(t, &op->a, m, n);
		rand_desc(t, &op->b, m, n);
		rand_desc(t, &op->out, m, n);
		break;
	case COGOS_OP_MATRIX_MULT:
	case COGOS_OP_DENSE:
		rand_desc(t, &op->a, m, k);
		rand_desc(t, &op->b, pick(t, 10) ? k : rand_dim(t), n);
		if (opcode == COGOS_OP_DENSE)
			rand_desc(t, &op->bias, 1, n);
		rand_desc(t, &op->out, m, n);
		break;
	case COGOS_OP_RELU:
	case COGOS_OP_SOFTMAX:
		rand_desc(t, &op->a, m, n);
		rand_desc(t, &op->out, m, n);
		break;
	default:
		rand_desc(t, &op->a, m, n);
		rand_desc(t, &op->out, m, 1);
		break;
	}
	if (!pick(t, 20))
		rand_desc(t, &op->b, rand_dim(t), rand_dim(t));
}

static void rand_mlp(struct thr *t, struct cogos_tensor_mlp *mlp)
{
	uint32_t i, batch = rand_dim(t), width = rand_dim(t), next;

	memset(mlp, 0, sizeof(*mlp));
	mlp->nlayers = pick(t, 10) ? 1 + pick(t, COGOS_TENSOR_MAX_LAYERS) : rnd(t);
	mlp->flags = pick(t, 10) ? pick(t, 4) : rnd(t);
	mlp->priority = pick(t, 4);
	rand_desc(t, &mlp->input, batch, width);
	for (i = 0; i < COGOS_TENSOR_MAX_LAYERS && i < mlp->nlayers; i++) {
		next = pick(t, 3) ? 1 + pick(t, 40) : rand_dim(t);
		rand_desc(t, &mlp->layers[i].weights, pick(t, 10) ? width : rand_dim(t), next);
		rand_desc(t, &mlp->layers[i].bias, 1, next);
		mlp->layers[i].activation = pick(t, 10) ? pick(t, 2) : rnd(t);
		width = next;
	}
	rand_desc(t, &mlp->output, batch, width);
	if (mlp->flags & COGOS_MLPF_ARGMAX || !pick(t, 10))
		rand_desc(t, &mlp->classes, batch, 1);
}

static void do_alloc(struct thr *t)
{
	struct alloc *a = &t->al[pick(t, NALLOCS)];
	struct cogos_tensor_alloc req;
	uint64_t sizes[] = { 0, 1, 4096, 65536, 65537, 1 << 20, 4 << 20, 1ull << 40, UINT64_MAX };

	if (a->live)
		return;
	req.bytes = pick(t, 3) ? 1 + pick(t, 256 * 1024) : sizes[pick(t, 9)];
	req.offset = 0;
	atomic_fetch_add(&ncalls, 1);
	if (!pick(t, 30)) {
		/* an allocation made through a wild pointer is not tracked: release frees it */
		if (ioctl(t->fd, COGOS_TENSOR_IOC_ALLOC, wild_ptr(t)))
			atomic_fetch_add(&nerrors, 1);
		return;
	}
	if (ioctl(t->fd, COGOS_TENSOR_IOC_ALLOC, &req)) {
		atomic_fetch_add(&nerrors, 1);
		return;
	}
	a->offset = req.offset;
	a->bytes = (req.bytes + 4095) & ~4095ull;
	a->live = 1;
	a->map = NULL;
}

static void do_free(struct thr *t)
{
	struct alloc *a = &t->al[pick(t, NALLOCS)];
	uint64_t off = a->live ? a->offset : (uint64_t)pick(t, 1 << 24) * 4096;

	atomic_fetch_add(&ncalls, 1);
	if (ioctl(t->fd, COGOS_TENSOR_IOC_FREE, &off)) {
		atomic_fetch_add(&nerrors, 1);
		return;
	}
	if (a->live && off == a->offset)
		a->live = 0;
}

static void do_mmap(struct thr *t)
{
	struct alloc *a = &t->al[pick(t, NALLOCS)];
	uint64_t off = a->live ? a->offset : (uint64_t)pick(t, 4096) * page;
	size_t len = a->live && pick(t, 4) ? a->bytes : (1 + pick(t, 64)) * page;
	void *p;

	if (a->map) {
		munmap(a->map, a->maplen);
		a->map = NULL;
		return;
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, pick(t, 8) ? MAP_SHARED : MAP_PRIVATE, t->fd,
		 off);
	if (p == MAP_FAILED)
		return;
	if (a->live && off == a->offset) {
		a->map = p;
		a->maplen = len;
		memset(p, 0x3c, len < 64 ? len : 64);
	} else {
		munmap(p, len);
	}
}

/* Closes the file with whatever is mapped still mapped, then drops the mappings: release frees. */
static void do_reopen(struct thr *t)
{
	int i;

	close(t->fd);
	for (i = 0; i < NALLOCS; i++) {
		if (t->al[i].map)
			munmap(t->al[i].map, t->al[i].maplen);
		memset(&t->al[i], 0, sizeof(t->al[i]));
	}
	t->fd = open("/dev/" COGOS_TENSOR_DEVICE, O_RDWR);
}

static void do_fork(struct thr *t)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct cogos_tensor_info info;

		ioctl(t->fd, COGOS_TENSOR_IOC_INFO, &info);
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

static void do_compute(struct thr *t)
{
	struct cogos_compute_req req = {
		.op = pick(t, 6) ? pick(t, 4) : rnd(t),
		.reserved = pick(t, 10) ? 0 : rnd(t),
		.a = ((int64_t)rnd(t) << 32) | rnd(t),
		.b = pick(t, 5) ? ((int64_t)rnd(t) << 32) | rnd(t) : (int64_t)pick(t, 3) - 1,
	};

	xcall(t->cfd, COGOS_COMPUTE_IOC_RUN, pick(t, 20) ? (void *)&req : wild_ptr(t));
}

static void trace_desc(const char *name, const struct cogos_tensor_desc *d)
{
	printf(" %s %llx %ux%u mem %u res %u", name, d->addr, d->rows, d->cols, d->mem,
	       d->reserved);
}

static void trace_op(const struct cogos_tensor_op *op)
{
	printf("fuzz:   op %u dtype %u flags %u prio %u", op->opcode, op->dtype, op->flags,
	       op->priority);
	trace_desc("a", &op->a);
	trace_desc("b", &op->b);
	trace_desc("bias", &op->bias);
	trace_desc("out", &op->out);
	putchar('\n');
}

static void one_step(struct thr *t)
{
	struct cogos_tensor_op ops[COGOS_TENSOR_MAX_BATCH + 2];
	struct cogos_tensor_batch batch;
	struct cogos_tensor_mlp mlp;
	struct cogos_tensor_info info;
	uint32_t r = pick(t, 100), i;

	if (trace)
		printf("fuzz: thread %d step %ld kind %u buf %p\n", t->id, t->iters, r, t->buf);

	if (r < 30) {
		rand_op(t, &ops[0]);
		if (trace)
			trace_op(&ops[0]);
		xcall(t->fd, COGOS_TENSOR_IOC_RUN, pick(t, 30) ? (void *)ops : wild_ptr(t));
	} else if (r < 40) {
		batch.count = pick(t, 10) ? 1 + pick(t, 8) : pick(t, COGOS_TENSOR_MAX_BATCH + 2);
		for (i = 0; i < batch.count && i < COGOS_TENSOR_MAX_BATCH + 2; i++)
			rand_op(t, &ops[i]);
		batch.ops = pick(t, 20) ? (uintptr_t)ops : wild_addr(t);
		batch.completed = rnd(t);
		xcall(t->fd, COGOS_TENSOR_IOC_BATCH, pick(t, 30) ? (void *)&batch : wild_ptr(t));
	} else if (r < 50) {
		rand_mlp(t, &mlp);
		xcall(t->fd, COGOS_TENSOR_IOC_MLP, pick(t, 30) ? (void *)&mlp : wild_ptr(t));
	} else if (r < 60) {
		do_alloc(t);
	} else if (r < 67) {
		do_free(t);
	} else if (r < 77) {
		do_mmap(t);
	} else if (r < 87) {
		do_compute(t);
	} else if (r < 92) {
		xcall(t->fd, COGOS_TENSOR_IOC_INFO, pick(t, 10) ? (void *)&info : wild_ptr(t));
	} else if (r < 96) {
		/* unknown commands, and known ones with the wrong size or direction */
		unsigned long cmd = _IOC(pick(t, 4), pick(t, 2) ? COGOS_TENSOR_IOC_MAGIC :
							       COGOS_COMPUTE_IOC_MAGIC,
					 pick(t, 8), pick(t, 1024));

		xcall(pick(t, 2) ? t->fd : t->cfd, pick(t, 2) ? rnd(t) : cmd, wild_ptr(t));
	} else if (r < 98) {
		do_reopen(t);
	} else {
		do_fork(t);
	}
}

static void *fuzz_thread(void *p)
{
	struct thr *t = p;
	double end = now_s() + seconds;

	for (;;) {
		if (iterations >= 0 && t->iters >= iterations)
			break;
		if (iterations < 0 && now_s() >= end)
			break;
		one_step(t);
		t->iters++;
	}
	/* stay alive until the signal thread has stopped: it must not signal a finished thread */
	atomic_fetch_add(&finished, 1);
	while (!atomic_load(&release))
		usleep(1000);
	return NULL;
}

static void on_signal(int sig)
{
	(void)sig;
}

/* A crash of this process: say where, with the SSE control word (a kernel bug could corrupt it). */
static void on_crash(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	char msg[160];
	int len;

	len = snprintf(msg, sizeof(msg), "FUZZ FAIL signal %d code %d addr %p rip %llx mxcsr %#x\n",
		       sig, si->si_code, si->si_addr,
		       (unsigned long long)uc->uc_mcontext.gregs[REG_RIP],
		       uc->uc_mcontext.fpregs ? uc->uc_mcontext.fpregs->mxcsr : 0);
	write(1, msg, len);
	_exit(1);
}

/* Interrupts the fuzzing threads at random moments: EINTR paths with work in flight. */
static void *signal_thread(void *p)
{
	struct thr t = { .rng = seed * 7919 + 17 };
	int *done = p;

	while (!atomic_load((atomic_int *)done)) {
		usleep(1000 + pick(&t, 20000));
		pthread_kill(thrs[pick(&t, nthreads)].tid, SIGUSR1);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	/* no SA_RESTART: interrupted calls return EINTR */
	struct sigaction sa = { .sa_handler = on_signal };
	struct cogos_tensor_info info;
	atomic_int done = 0;
	pthread_t sig;
	int i, fd;

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--seconds"))
			seconds = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--iterations"))
			iterations = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--threads"))
			nthreads = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--seed"))
			seed = strtoull(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "--trace"))
			trace = atoi(argv[i + 1]);
		else
			break;
	}
	if (i != argc || nthreads < 1 || nthreads > MAX_THREADS || seconds < 0) {
		fprintf(stderr, "usage: fuzz [--seconds N] [--iterations N] [--threads 1..%d] "
			"[--seed N] [--trace 0|1]\n", MAX_THREADS);
		return 2;
	}
	page = (size_t)sysconf(_SC_PAGESIZE);
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = NULL;
	sa.sa_sigaction = on_crash;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	printf("fuzz: %d threads, %s %ld, seed %llu\n", nthreads,
	       iterations >= 0 ? "iterations" : "seconds", iterations >= 0 ? iterations : seconds,
	       seed);
	fflush(stdout);

	for (i = 0; i < nthreads; i++) {
		struct thr *t = &thrs[i];

		t->id = i;
		t->rng = seed * 0x9e3779b97f4a7c15ull + i + 1;
		t->fd = open("/dev/" COGOS_TENSOR_DEVICE, O_RDWR);
		t->cfd = open("/dev/" COGOS_COMPUTE_DEVICE, O_RDWR);
		/* guard pages around buf: outputs aimed near its end must not reach a neighbour */
		t->buf = mmap(NULL, BUF_BYTES + 2 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			      -1, 0);
		if (t->buf != MAP_FAILED) {
			t->buf += page;
			mprotect(t->buf, BUF_BYTES, PROT_READ | PROT_WRITE);
		}
		t->ro = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		t->noaccess = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (t->fd < 0 || t->cfd < 0 || t->buf == MAP_FAILED || t->ro == MAP_FAILED ||
		    t->noaccess == MAP_FAILED) {
			printf("FUZZ FAIL setup: %s\n", strerror(errno));
			return 1;
		}
		memset(t->buf, 0x41, BUF_BYTES);
	}
	for (i = 0; i < nthreads; i++)
		pthread_create(&thrs[i].tid, NULL, fuzz_thread, &thrs[i]);
	pthread_create(&sig, NULL, signal_thread, &done);
	while (atomic_load(&finished) < nthreads)
		usleep(10000);
	atomic_store(&done, 1);
	pthread_join(sig, NULL);
	atomic_store(&release, 1);
	for (i = 0; i < nthreads; i++)
		pthread_join(thrs[i].tid, NULL);

	for (i = 0; i < nthreads; i++) {
		do_reopen(&thrs[i]);
		close(thrs[i].fd);
		close(thrs[i].cfd);
	}
	fd = open("/dev/" COGOS_TENSOR_DEVICE, O_RDWR);
	if (fd < 0 || ioctl(fd, COGOS_TENSOR_IOC_INFO, &info)) {
		printf("FUZZ FAIL INFO after the run: %s\n", strerror(errno));
		return 1;
	}
	close(fd);
	if (info.blocks_used || info.queued) {
		printf("FUZZ FAIL leak: %u blocks used, %u jobs queued after every file closed\n",
		       info.blocks_used, info.queued);
		return 1;
	}
	printf("FUZZ DONE calls=%ld errors=%ld (module: calls %llu errors %llu)\n",
	       atomic_load(&ncalls), atomic_load(&nerrors), info.calls, info.errors);
	return 0;
}
