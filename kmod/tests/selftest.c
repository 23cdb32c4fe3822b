// SPDX-License-Identifier: GPL-2.0
/*
 * selftest: every ioctl and every class of bad input of /dev/cogos_compute and /dev/cogos_tensor
 * (each errno of the uapi headers), and the kernel's numbers checked two ways:
 *   - against the same kernels in user space (lib/cogos_kernels.c is linked in), at the SIMD level
 *     the module reports in INFO: bit-exact for I32 and F32 alike;
 *   - against a naive double-precision reference, within the documented tolerances:
 *       SUM, RELU, ARGMAX, I32 ops  exact (one IEEE operation per element; integers mod 2^32)
 *       MATRIX_MULT, DENSE          |got - ref| <= (k + 2) 2^-24 (sum_p |a_ip b_pj| + |bias_j|)
 *                                   (the classic gamma_k bound of a k-term dot product)
 *       SOFTMAX                     |got - ref| <= (4 + |x_j - m| + max_i |x_i - m|) 2^-24 ref
 *                                   (m the row maximum: the rounding of x_j - m, expf's 0.5 ulp,
 *                                   the final division)
 *       MLP output                  relative 1e-4 of (1 + |ref|)
 * Prints one line per check and then "SELFTEST PASS <n> checks" (exit 0) or "SELFTEST FAIL ..."
 * (exit 1). Runs as a static binary in the qemu guest (kmod/tests/guest-tests.sh or
 * kmod/qemu/guest/selftest.sh) with both modules loaded and no other user of the pool.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../lib/cogos_kernels.h"

static int nchecks, nfail;
static int cfd = -1, tfd = -1;
static struct cogos_tensor_info info;
static size_t page;

static int check(int ok, const char *fmt, ...)
{
	va_list ap;

	nchecks++;
	if (!ok)
		nfail++;
	printf("%s ", ok ? "ok  " : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return ok;
}

/* 0 or the errno of a failed ioctl */
static int xioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? errno : 0;
}

static const char *ename(int e)
{
	switch (e) {
	case 0: return "0";
	case EINVAL: return "EINVAL";
	case EOVERFLOW: return "EOVERFLOW";
	case EFAULT: return "EFAULT";
	case ENOMEM: return "ENOMEM";
	case EBUSY: return "EBUSY";
	case EINTR: return "EINTR";
	case ENOTTY: return "ENOTTY";
	default: return strerror(e);
	}
}

static __thread uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rnd32(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state >> 32;
}

static float rndf(void)
{
	return (float)((int32_t)rnd32() / 2147483648.0);	/* [-1, 1) */
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static size_t round_up(size_t x, size_t to)
{
	return (x + to - 1) / to * to;
}

static void tensor_info(struct cogos_tensor_info *i)
{
	if (xioctl(tfd, COGOS_TENSOR_IOC_INFO, i)) {
		perror("INFO");
		exit(1);
	}
}

/*
 * Operands in the three memory kinds
 */

struct operand {
	struct cogos_tensor_desc d;
	void *p;		/* the elements, as this process sees them */
	void *map;		/* POOL, PINNED: the mapping */
	size_t maplen;
	uint64_t offset;	/* POOL */
	int fd;
};

static const char *mem_name(uint32_t mem)
{
	return mem == COGOS_MEM_POOL ? "pool" : mem == COGOS_MEM_COPY ? "copy" : "pinned";
}

/* 0, or the errno of ALLOC/mmap */
static int operand_new(struct operand *o, int fd, uint32_t mem, uint32_t rows, uint32_t cols)
{
	size_t bytes = (size_t)rows * cols * 4;
	struct cogos_tensor_alloc al = { .bytes = bytes };
	int err;

	memset(o, 0, sizeof(*o));
	o->fd = fd;
	o->d.rows = rows;
	o->d.cols = cols;
	o->d.mem = mem;
	switch (mem) {
	case COGOS_MEM_POOL:
		err = xioctl(fd, COGOS_TENSOR_IOC_ALLOC, &al);
		if (err)
			return err;
		o->offset = al.offset;
		o->maplen = round_up(bytes, page);
		o->map = mmap(NULL, o->maplen, PROT_READ | PROT_WRITE, MAP_SHARED, fd, al.offset);
		if (o->map == MAP_FAILED) {
			err = errno;
			xioctl(fd, COGOS_TENSOR_IOC_FREE, &o->offset);
			return err;
		}
		o->p = o->map;
		o->d.addr = al.offset;
		return 0;
	case COGOS_MEM_COPY:
		o->p = aligned_alloc(64, round_up(bytes, 64));
		if (!o->p)
			return ENOMEM;
		o->d.addr = (uintptr_t)o->p;
		return 0;
	default:
		/*
		 * Ending exactly where an inaccessible page begins (so any read past the end
		 * faults, in the kernel's vmap of the pages too); rarely page aligned at the start.
		 */
		o->maplen = round_up(bytes, page) + page;
		o->map = mmap(NULL, o->maplen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			      -1, 0);
		if (o->map == MAP_FAILED)
			return errno;
		mprotect((char *)o->map + o->maplen - page, page, PROT_NONE);
		o->p = (char *)o->map + round_up(bytes, page) - bytes;
		o->d.addr = (uintptr_t)o->p;
		return 0;
	}
}

static void operand_free(struct operand *o)
{
	if (!o->p)
		return;
	if (o->d.mem == COGOS_MEM_COPY) {
		free(o->p);
	} else {
		munmap(o->map, o->maplen);
		if (o->d.mem == COGOS_MEM_POOL && xioctl(o->fd, COGOS_TENSOR_IOC_FREE, &o->offset))
			check(0, "FREE of a test operand at %" PRIu64, o->offset);
	}
	o->p = NULL;
}

static void must_new(struct operand *o, int fd, uint32_t mem, uint32_t rows, uint32_t cols)
{
	int err = operand_new(o, fd, mem, rows, cols);

	if (err) {
		printf("SELFTEST FAIL cannot set up a %ux%u %s operand: %s\n", rows, cols,
		       mem_name(mem), ename(err));
		exit(1);
	}
}

/*
 * cogos_compute
 */

static void test_compute(void)
{
	static const int64_t vals[] = { 0, 1, -1, 2, -2, 7, -7, 3037000499LL, -3037000500LL,
					INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1,
					0x123456789abcdefLL, -0x123456789abcdefLL };
	static const char * const names[] = { "ADD", "SUBTRACT", "MULTIPLY", "DIVIDE" };
	const size_t nv = sizeof(vals) / sizeof(vals[0]);
	struct cogos_compute_req req;
	struct stat st;
	int agree = 1, n = 0, err, uerr;
	uint32_t op;
	size_t i, j;

	/* the guest runs no udev: the nodes are as the modules create them (kmod/README.md) */
	check(stat("/dev/" COGOS_COMPUTE_DEVICE, &st) == 0 && (st.st_mode & 0777) == 0660 &&
	      st.st_uid == 0 && st.st_gid == 0,
	      "compute: /dev/%s exists as root:root mode 0660", COGOS_COMPUTE_DEVICE);

	for (op = 0; op < 4; op++) {
		for (i = 0; i < nv; i++) {
			for (j = 0; j < nv + 20; j++) {
				int64_t a = vals[i];
				int64_t b = j < nv ? vals[j] : (int64_t)rnd32() - (1 << 30);
				int64_t ures = 0;

				req = (struct cogos_compute_req){ .op = op, .a = a, .b = b,
								  .result = 0x5a5a };
				err = xioctl(cfd, COGOS_COMPUTE_IOC_RUN, &req);
				uerr = -cogos_compute(op, a, b, &ures);
				n++;
				if (err != uerr || (!err && req.result != ures) ||
				    (err && req.result != 0x5a5a)) {
					agree = 0;
					printf("  %s(%" PRId64 ", %" PRId64 "): kernel %s %lld, "
					       "user %s %" PRId64 "\n", names[op], a, b, ename(err),
					       req.result, ename(uerr), ures);
				}
			}
		}
	}
	check(agree, "compute: %d calls agree with user-space cogos_compute (result or errno)", n);

	req = (struct cogos_compute_req){ .op = COGOS_OP_ADD, .a = 40, .b = 2 };
	check(!xioctl(cfd, COGOS_COMPUTE_IOC_RUN, &req) && req.result == 42,
	      "compute: 40 + 2 = 42");
	req = (struct cogos_compute_req){ .op = COGOS_OP_SUBTRACT, .a = -5, .b = 7 };
	check(!xioctl(cfd, COGOS_COMPUTE_IOC_RUN, &req) && req.result == -12,
	      "compute: -5 - 7 = -12");
	req = (struct cogos_compute_req){ .op = COGOS_OP_MULTIPLY, .a = -6, .b = 7 };
	check(!xioctl(cfd, COGOS_COMPUTE_IOC_RUN, &req) && req.result == -42,
	      "compute: -6 * 7 = -42");
	req = (struct cogos_compute_req){ .op = COGOS_OP_DIVIDE, .a = -7, .b = 2 };
	check(!xioctl(cfd, COGOS_COMPUTE_IOC_RUN, &req) && req.result == -3,
	      "compute: -7 / 2 = -3 (truncates toward zero)");

	req = (struct cogos_compute_req){ .op = COGOS_OP_DIVIDE, .a = 1, .b = 0, .result = 99 };
	err = xioctl(cfd, COGOS_COMPUTE_IOC_RUN, &req);
	check(err == EINVAL && req.result == 99, "compute: 1 / 0 -> EINVAL, result unchanged (%s)",
	      ename(err));
	req = (struct cogos_compute_req){ .op = COGOS_OP_DIVIDE, .a = INT64_MIN, .b = -1 };
	err = xioctl(cfd, COGOS_COMPUTE_IOC_RUN, &req);
	check(err == EOVERFLOW, "compute: INT64_MIN / -1 -> EOVERFLOW (%s)", ename(err));
	req = (struct cogos_compute_req){ .op = COGOS_OP_ADD, .a = INT64_MAX, .b = 1 };
	err = xioctl(cfd, COGOS_COMPUTE_IOC_RUN, &req);
	check(err == EOVERFLOW, "compute: INT64_MAX + 1 -> EOVERFLOW (%s)", ename(err));
	req = (struct cogos_compute_req){ .op = COGOS_OP_SUBTRACT, .a = INT64_MIN, .b = 1 };
	err = xioctl(cfd, COGOS_COMPUTE_IOC_RUN, &req);
	check(err == EOVERFLOW, "compute: INT64_MIN - 1 -> EOVERFLOW (%s)", ename(err));
	req = (struct cogos_compute_req){ .op = COGOS_OP_MULTIPLY, .a = INT64_MIN, .b = -1 };
	err = xioctl(cfd, COGOS_COMPUTE_IOC_RUN, &req);
	check(err == EOVERFLOW, "compute: INT64_MIN * -1 -> EOVERFLOW (%s)", ename(err));
	req = (struct cogos_compute_req){ .op = 4, .a = 1, .b = 1 };
	err = xioctl(cfd, COGOS_COMPUTE_IOC_RUN, &req);
	check(err == EINVAL, "compute: unknown op 4 -> EINVAL (%s)", ename(err));
	req = (struct cogos_compute_req){ .op = 0xffffffff, .a = 1, .b = 1 };
	err = xioctl(cfd, COGOS_COMPUTE_IOC_RUN, &req);
	check(err == EINVAL, "compute: unknown op 0xffffffff -> EINVAL (%s)", ename(err));
	req = (struct cogos_compute_req){ .op = COGOS_OP_ADD, .reserved = 1, .a = 1, .b = 1 };
	err = xioctl(cfd, COGOS_COMPUTE_IOC_RUN, &req);
	check(err == EINVAL, "compute: non-zero reserved -> EINVAL (%s)", ename(err));
	err = xioctl(cfd, COGOS_COMPUTE_IOC_RUN, NULL);
	check(err == EFAULT, "compute: NULL request -> EFAULT (%s)", ename(err));
	err = xioctl(cfd, COGOS_COMPUTE_IOC_RUN, (void *)(uintptr_t)0xdead000);
	check(err == EFAULT, "compute: unmapped request -> EFAULT (%s)", ename(err));
	err = xioctl(cfd, _IOWR(COGOS_COMPUTE_IOC_MAGIC, 0x02, struct cogos_compute_req), &req);
	check(err == ENOTTY, "compute: unknown ioctl -> ENOTTY (%s)", ename(err));
}

/*
 * INFO, ALLOC, FREE, mmap
 */

static void test_info(void)
{
	struct stat st;
	uint32_t feat = 0;
	int err;

	check(stat("/dev/" COGOS_TENSOR_DEVICE, &st) == 0 && (st.st_mode & 0777) == 0660 &&
	      st.st_uid == 0 && st.st_gid == 0,
	      "tensor: /dev/%s exists as root:root mode 0660", COGOS_TENSOR_DEVICE);
	tensor_info(&info);
	printf("     INFO: abi %u simd %u cpu_features %#x workers %u queue_depth %u pool %u x %llu"
	       " bytes, used %u, calls %llu errors %llu\n", info.abi_version, info.simd,
	       info.cpu_features, info.workers, info.queue_depth, info.pool_blocks,
	       info.block_bytes,
	       info.blocks_used, info.calls, info.errors);
	check(info.abi_version == COGOS_TENSOR_ABI_VERSION, "INFO: abi_version %u",
	      info.abi_version);
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2"))
		feat |= COGOS_CPU_AVX2;
	if (__builtin_cpu_supports("fma"))
		feat |= COGOS_CPU_FMA;
	if (__builtin_cpu_supports("avx512f"))
		feat |= COGOS_CPU_AVX512F;
	check(info.cpu_features == feat, "INFO: cpu_features %#x match user-space CPUID %#x",
	      info.cpu_features, feat);
	check(info.simd <= (unsigned int)cogos_simd_for(info.cpu_features, COGOS_SIMD_AVX512),
	      "INFO: simd %u is usable on this CPU", info.simd);
	check(info.workers >= 1 && info.workers <= 8, "INFO: workers %u in 1..8", info.workers);
	check(info.queue_depth >= 1 && info.queued == 0, "INFO: queue_depth %u, queued %u",
	      info.queue_depth, info.queued);
	check(info.pool_blocks >= 16 && info.block_bytes % page == 0 && info.blocks_used == 0,
	      "INFO: pool of %u blocks of %llu bytes, none used", info.pool_blocks,
	      info.block_bytes);
	err = xioctl(tfd, COGOS_TENSOR_IOC_INFO, (void *)(uintptr_t)0xdead000);
	check(err == EFAULT, "INFO: unmapped pointer -> EFAULT (%s)", ename(err));
	err = xioctl(tfd, _IO(COGOS_TENSOR_IOC_MAGIC, 0x3f), NULL);
	check(err == ENOTTY, "tensor: unknown ioctl -> ENOTTY (%s)", ename(err));
}

static uint32_t blocks_used(void)
{
	struct cogos_tensor_info i;

	tensor_info(&i);
	return i.blocks_used;
}

/* Every free block of the pool, allocated one by one, to test what needs pool memory when none is left. */
struct pool_fill {
	uint64_t *offsets;
	uint32_t count;
};

static struct pool_fill fill_pool(void)
{
	struct pool_fill fill = { calloc(info.pool_blocks, sizeof(uint64_t)), 0 };
	struct cogos_tensor_alloc a;

	while (fill.count < info.pool_blocks) {
		a = (struct cogos_tensor_alloc){ .bytes = info.block_bytes };
		if (xioctl(tfd, COGOS_TENSOR_IOC_ALLOC, &a))
			break;
		fill.offsets[fill.count++] = a.offset;
	}
	return fill;
}

static void drain_pool(struct pool_fill *fill)
{
	uint32_t i;

	for (i = 0; i < fill->count; i++)
		xioctl(tfd, COGOS_TENSOR_IOC_FREE, &fill->offsets[i]);
	free(fill->offsets);
}

static void test_alloc(void)
{
	struct cogos_tensor_alloc al;
	uint64_t *offs, off;
	uint32_t n = 0, i, before = blocks_used();
	int err, ok;

	al = (struct cogos_tensor_alloc){ .bytes = 1 };
	err = xioctl(tfd, COGOS_TENSOR_IOC_ALLOC, &al);
	check(!err && al.offset % page == 0 && blocks_used() == before + 1,
	      "ALLOC 1 byte: one block at page-aligned offset %llu (%s)", al.offset, ename(err));
	off = al.offset;
	err = xioctl(tfd, COGOS_TENSOR_IOC_FREE, &off);
	check(!err && blocks_used() == before, "FREE gives the block back (%s)", ename(err));
	err = xioctl(tfd, COGOS_TENSOR_IOC_FREE, &off);
	check(err == EINVAL, "FREE twice -> EINVAL (%s)", ename(err));
	off = 12345;
	err = xioctl(tfd, COGOS_TENSOR_IOC_FREE, &off);
	check(err == EINVAL, "FREE of an offset never allocated -> EINVAL (%s)", ename(err));
	err = xioctl(tfd, COGOS_TENSOR_IOC_FREE, (void *)(uintptr_t)0xdead000);
	check(err == EFAULT, "FREE with an unmapped pointer -> EFAULT (%s)", ename(err));

	al = (struct cogos_tensor_alloc){ .bytes = 0 };
	err = xioctl(tfd, COGOS_TENSOR_IOC_ALLOC, &al);
	check(err == EINVAL, "ALLOC 0 bytes -> EINVAL (%s)", ename(err));
	al = (struct cogos_tensor_alloc){ .bytes = info.pool_blocks * info.block_bytes + 1 };
	err = xioctl(tfd, COGOS_TENSOR_IOC_ALLOC, &al);
	check(err == ENOMEM, "ALLOC of more than the pool -> ENOMEM (%s)", ename(err));
	al = (struct cogos_tensor_alloc){ .bytes = UINT64_MAX };
	err = xioctl(tfd, COGOS_TENSOR_IOC_ALLOC, &al);
	check(err == ENOMEM, "ALLOC of 2^64-1 bytes -> ENOMEM (%s)", ename(err));
	err = xioctl(tfd, COGOS_TENSOR_IOC_ALLOC, NULL);
	check(err == EFAULT, "ALLOC with a NULL pointer -> EFAULT (%s)", ename(err));
	check(blocks_used() == before, "failed ALLOCs take no block");

	offs = calloc(info.pool_blocks + 1, sizeof(*offs));
	for (;;) {
		al = (struct cogos_tensor_alloc){ .bytes = info.block_bytes };
		err = xioctl(tfd, COGOS_TENSOR_IOC_ALLOC, &al);
		if (err || n > info.pool_blocks)
			break;
		offs[n++] = al.offset;
	}
	check(err == ENOMEM && n == info.pool_blocks - before,
	      "ALLOC one block at a time until ENOMEM: %u allocations (%s)", n, ename(err));
	check(blocks_used() == info.pool_blocks, "INFO: blocks_used = pool_blocks when exhausted");
	ok = 1;
	for (i = 0; i < n; i++)
		ok &= !xioctl(tfd, COGOS_TENSOR_IOC_FREE, &offs[i]);
	check(ok && blocks_used() == before, "FREE all %u: blocks_used back to %u", n, before);
	free(offs);
}

static void test_mmap(void)
{
	struct cogos_tensor_alloc al = { .bytes = 3 * info.block_bytes };
	struct cogos_tensor_alloc al2 = { .bytes = info.block_bytes };
	uint32_t before = blocks_used();
	size_t len = al.bytes;
	unsigned char *p, *q;
	uint64_t off;
	int fd2, err, ok;
	size_t i;
	pid_t pid;

	err = xioctl(tfd, COGOS_TENSOR_IOC_ALLOC, &al);
	if (!check(!err, "ALLOC 3 blocks for mmap (%s)", ename(err)))
		return;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, tfd, al.offset);
	check(p != MAP_FAILED, "mmap of a whole allocation");
	if (p == MAP_FAILED)
		return;
	ok = 1;
	for (i = 0; i < len; i++)
		ok &= p[i] == 0;
	check(ok, "a new allocation reads as zeros");
	memset(p, 0xa5, len);
	q = mmap(NULL, info.block_bytes, PROT_READ, MAP_SHARED, tfd, al.offset + info.block_bytes);
	check(q != MAP_FAILED && q[0] == 0xa5 && q[info.block_bytes - 1] == 0xa5,
	      "a second mapping of a sub-range sees the same bytes");
	if (q != MAP_FAILED)
		munmap(q, info.block_bytes);

	err = xioctl(tfd, COGOS_TENSOR_IOC_FREE, &al.offset);
	check(err == EBUSY, "FREE while mapped -> EBUSY (%s)", ename(err));

	q = mmap(NULL, len + page, PROT_READ, MAP_SHARED, tfd, al.offset);
	check(q == MAP_FAILED && errno == EINVAL, "mmap past the end of an allocation -> EINVAL");
	q = mmap(NULL, page, PROT_READ, MAP_PRIVATE, tfd, al.offset);
	check(q == MAP_FAILED && errno == EINVAL, "private mmap -> EINVAL");
	q = mmap(NULL, page, PROT_READ, MAP_SHARED, tfd, al.offset + len);
	check(q == MAP_FAILED && errno == EINVAL, "mmap of an offset not allocated -> EINVAL");
	q = mmap(NULL, page, PROT_READ, MAP_SHARED, tfd,
		 (off_t)info.pool_blocks * info.block_bytes);
	check(q == MAP_FAILED && errno == EINVAL, "mmap beyond the pool -> EINVAL");
	q = mremap(p, len, 2 * len, MREMAP_MAYMOVE);
	check(q == MAP_FAILED, "mremap cannot grow a mapping (VM_DONTEXPAND)");

	/* another open file owns nothing of ours */
	fd2 = open("/dev/" COGOS_TENSOR_DEVICE, O_RDWR);
	q = mmap(NULL, page, PROT_READ, MAP_SHARED, fd2, al.offset);
	check(q == MAP_FAILED && errno == EINVAL, "another open file cannot map our allocation");
	err = xioctl(fd2, COGOS_TENSOR_IOC_FREE, &al.offset);
	check(err == EINVAL, "another open file cannot FREE our allocation (%s)", ename(err));

	/* a forked child's mapping counts too (vm_ops open) */
	pid = fork();
	if (pid == 0) {
		usleep(300 * 1000);
		_exit(p[0] == 0xa5 ? 0 : 1);
	}
	munmap(p + page, page);	/* splits the VMA in two */
	err = xioctl(tfd, COGOS_TENSOR_IOC_FREE, &al.offset);
	check(err == EBUSY, "FREE with a split mapping left -> EBUSY (%s)", ename(err));
	munmap(p, len);
	err = xioctl(tfd, COGOS_TENSOR_IOC_FREE, &al.offset);
	check(err == EBUSY, "FREE while a forked child still maps it -> EBUSY (%s)", ename(err));
	waitpid(pid, &err, 0);
	check(WIFEXITED(err) && WEXITSTATUS(err) == 0, "the child read the shared bytes");
	err = xioctl(tfd, COGOS_TENSOR_IOC_FREE, &al.offset);
	check(!err, "FREE after every mapping is gone (%s)", ename(err));

	/* release of a file frees its allocations, but only once its last mapping is gone */
	err = xioctl(fd2, COGOS_TENSOR_IOC_ALLOC, &al2);
	p = mmap(NULL, al2.bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, al2.offset);
	check(!err && p != MAP_FAILED, "second file: ALLOC + mmap");
	close(fd2);
	check(blocks_used() == before + 1, "after close, the mapped allocation stays (%u used)",
	      blocks_used());
	if (p != MAP_FAILED) {
		p[0] = 1;
		munmap(p, al2.bytes);
	}
	check(blocks_used() == before, "after munmap, release frees it (%u blocks used)",
	      blocks_used());

	/* offsets given back are zeroed for the next owner */
	al = (struct cogos_tensor_alloc){ .bytes = 3 * info.block_bytes };
	err = xioctl(tfd, COGOS_TENSOR_IOC_ALLOC, &al);
	p = mmap(NULL, len, PROT_READ, MAP_SHARED, tfd, al.offset);
	ok = !err && p != MAP_FAILED;
	for (i = 0; ok && i < len; i++)
		ok &= p[i] == 0;
	check(ok, "a re-allocated run reads as zeros again");
	if (p != MAP_FAILED)
		munmap(p, len);
	off = al.offset;
	xioctl(tfd, COGOS_TENSOR_IOC_FREE, &off);
}

/*
 * RUN: numbers
 */

static const char * const op_names[] = {
	"SUM", "MATRIX_MULT", "DENSE", "RELU", "SOFTMAX", "ARGMAX"
};

struct opcase {
	uint32_t opcode, dtype, flags, prio;
	uint32_t m, k, n;		/* a is m x k (MATRIX_MULT, DENSE) or m x n */
	uint32_t mem[4];		/* a, b, bias, out */
	struct operand a, b, bias, out;
	struct cogos_tensor_op op;
	void *expect;			/* user-space cogos_kernels.c result */
};

static int uses_b(uint32_t opcode)
{
	return opcode <= COGOS_OP_DENSE;
}

static void fill(struct operand *o, uint32_t dtype, float scale)
{
	size_t i, n = (size_t)o->d.rows * o->d.cols;

	for (i = 0; i < n; i++) {
		if (dtype == COGOS_DT_I32)
			((int32_t *)o->p)[i] = (int32_t)rnd32();
		else
			((float *)o->p)[i] = rndf() * scale;
	}
}

/* Sets up operands (pool ones in file fd), fills inputs and the op, computes the expectation. */
static void opcase_setup_fd(struct opcase *c, int fd)
{
	uint32_t ar = c->m, ac = c->opcode == COGOS_OP_MATRIX_MULT || c->opcode == COGOS_OP_DENSE ?
				c->k : c->n;
	uint32_t orows = c->m, ocols = c->opcode == COGOS_OP_ARGMAX ? 1 : c->n;
	float scale = c->opcode == COGOS_OP_SOFTMAX ? 20.0f : 1.0f;
	size_t i, outn = (size_t)orows * ocols;
	int simd = info.simd;

	must_new(&c->a, fd, c->mem[0], ar, ac);
	fill(&c->a, c->dtype, scale);
	if (uses_b(c->opcode)) {
		must_new(&c->b, fd, c->mem[1], c->opcode == COGOS_OP_SUM ? c->m : c->k, c->n);
		fill(&c->b, c->dtype, 1.0f);
	}
	if (c->opcode == COGOS_OP_DENSE) {
		must_new(&c->bias, fd, c->mem[2], 1, c->n);
		fill(&c->bias, c->dtype, 1.0f);
	}
	if (c->opcode == COGOS_OP_ARGMAX) {
		/* ties: the first maximum must win */
		for (i = 0; i < c->m; i++) {
			float *row = (float *)c->a.p + i * c->n;

			if (c->n > 2 && i % 3 == 0)
				row[c->n - 1] = row[c->n / 2] = 2.0f;
		}
	}
	must_new(&c->out, fd, c->mem[3], orows, ocols);
	memset(c->out.p, 0xee, outn * 4);

	memset(&c->op, 0, sizeof(c->op));
	c->op.opcode = c->opcode;
	c->op.dtype = c->dtype;
	c->op.flags = c->flags;
	c->op.priority = c->prio;
	c->op.a = c->a.d;
	if (uses_b(c->opcode))
		c->op.b = c->b.d;
	if (c->opcode == COGOS_OP_DENSE)
		c->op.bias = c->bias.d;
	c->op.out = c->out.d;

	c->expect = malloc(outn * 4);
	switch (c->opcode) {
	case COGOS_OP_SUM:
		if (c->dtype == COGOS_DT_I32)
			cogos_sum_i32(c->a.p, c->b.p, c->expect, outn);
		else
			cogos_sum_f32(simd, c->a.p, c->b.p, c->expect, outn);
		break;
	case COGOS_OP_MATRIX_MULT:
		if (c->dtype == COGOS_DT_I32)
			cogos_matmul_i32(c->a.p, c->b.p, c->expect, 0, c->m, c->k, c->n);
		else
			cogos_matmul_f32(simd, c->a.p, c->b.p, c->expect, 0, c->m, c->k, c->n);
		break;
	case COGOS_OP_DENSE:
		cogos_dense_f32(simd, c->a.p, c->b.p, c->bias.p, c->expect, 0, c->m, c->k, c->n,
				c->flags & COGOS_OPF_RELU);
		break;
	case COGOS_OP_RELU:
		cogos_relu_f32(simd, c->a.p, c->expect, outn);
		break;
	case COGOS_OP_SOFTMAX:
		cogos_softmax_f32(c->a.p, c->expect, 0, c->m, c->n);
		break;
	case COGOS_OP_ARGMAX:
		cogos_argmax_f32(c->a.p, c->expect, 0, c->m, c->n);
		break;
	}
}

static void opcase_setup(struct opcase *c)
{
	opcase_setup_fd(c, tfd);
}

static void opcase_free(struct opcase *c)
{
	operand_free(&c->a);
	operand_free(&c->b);
	operand_free(&c->bias);
	operand_free(&c->out);
	free(c->expect);
	c->expect = NULL;
}

static void opcase_name(const struct opcase *c, char *buf, size_t len)
{
	snprintf(buf, len, "%s %s%s %ux%ux%u %s,%s,%s->%s prio %u", op_names[c->opcode],
		 c->dtype == COGOS_DT_I32 ? "I32" : "F32", c->flags ? "+RELU" : "",
		 c->m, c->k, c->n,
		 mem_name(c->mem[0]), uses_b(c->opcode) ? mem_name(c->mem[1]) : "-",
		 c->opcode == COGOS_OP_DENSE ? mem_name(c->mem[2]) : "-", mem_name(c->mem[3]),
		 c->prio);
}

/* The double-precision reference check; returns 1 when within tolerance. */
static int opcase_reference(const struct opcase *c, double *worst_ratio)
{
	const float *af = c->a.p, *bf = c->b.p, *biasf = c->bias.p, *of = c->out.p;
	const uint32_t *au = c->a.p, *bu = c->b.p, *ou = c->out.p;
	uint32_t i, j, p, m = c->m, n = c->n, k = c->k;
	double worst = 0;

	for (i = 0; i < m; i++) {
		double rmax = -INFINITY, sum = 0, spread = 0;
		int32_t arg = 0;

		if (c->opcode == COGOS_OP_SOFTMAX || c->opcode == COGOS_OP_ARGMAX) {
			for (j = 0; j < n; j++)
				if (af[(size_t)i * n + j] > rmax) {
					rmax = af[(size_t)i * n + j];
					arg = j;
				}
			for (j = 0; j < n; j++) {
				sum += exp(af[(size_t)i * n + j] - rmax);
				spread = fmax(spread, rmax - af[(size_t)i * n + j]);
			}
		}
		if (c->opcode == COGOS_OP_ARGMAX) {
			if (((const int32_t *)of)[i] != arg)
				return 0;
			continue;
		}
		for (j = 0; j < n; j++) {
			size_t e = (size_t)i * n + j;
			double ref = 0, mag = 0, tol = 0, got = of[e];

			switch (c->opcode) {
			case COGOS_OP_SUM:
				if (c->dtype == COGOS_DT_I32) {
					if (ou[e] != au[e] + bu[e])
						return 0;
					continue;
				}
				if (of[e] != af[e] + bf[e])
					return 0;
				continue;
			case COGOS_OP_RELU:
				if (of[e] != (af[e] < 0 ? 0.0f : af[e]))
					return 0;
				continue;
			case COGOS_OP_MATRIX_MULT:
			case COGOS_OP_DENSE:
				if (c->dtype == COGOS_DT_I32) {
					uint32_t acc = 0;

					for (p = 0; p < k; p++)
						acc += au[(size_t)i * k + p] *
						       bu[(size_t)p * n + j];
					if (ou[e] != acc)
						return 0;
					continue;
				}
				for (p = 0; p < k; p++) {
					double t = (double)af[(size_t)i * k + p] *
						   bf[(size_t)p * n + j];

					ref += t;
					mag += fabs(t);
				}
				if (c->opcode == COGOS_OP_DENSE) {
					ref += biasf[j];
					mag += fabs(biasf[j]);
					if ((c->flags & COGOS_OPF_RELU) && ref < 0)
						ref = 0;
				}
				tol = (k + 2) * 0x1p-24 * mag;
				break;
			case COGOS_OP_SOFTMAX:
				ref = exp(af[e] - rmax) / sum;
				tol = (4 + (rmax - af[e]) + spread) * 0x1p-24 * ref;
				break;
			}
			if (fabs(got - ref) > tol)
				return 0;
			if (tol > 0 && fabs(got - ref) / tol > worst)
				worst = fabs(got - ref) / tol;
		}
	}
	*worst_ratio = worst;
	return 1;
}

/* Checks a finished op: bit-exact against user space, then against the reference. */
static void opcase_verify(struct opcase *c, int err)
{
	size_t outn = (size_t)c->m * (c->opcode == COGOS_OP_ARGMAX ? 1 : c->n);
	double worst = 0;
	char name[160];

	opcase_name(c, name, sizeof(name));
	if (!check(!err, "RUN %s: succeeds (%s)", name, ename(err)))
		return;
	check(!memcmp(c->out.p, c->expect, outn * 4), "RUN %s: bit-exact with user space (simd %u)",
	      name, info.simd);
	check(opcase_reference(c, &worst),
	      "RUN %s: matches the double reference (worst %.3f of tol)", name, worst);
}

static void run_case(uint32_t opcode, uint32_t dtype, uint32_t flags, uint32_t m, uint32_t k,
		     uint32_t n, uint32_t ma, uint32_t mb, uint32_t mo)
{
	struct opcase c = { .opcode = opcode, .dtype = dtype, .flags = flags, .m = m, .k = k,
			    .n = n, .mem = { ma, mb, mb, mo }, .prio = rnd32() % 4 };

	opcase_setup(&c);
	opcase_verify(&c, xioctl(tfd, COGOS_TENSOR_IOC_RUN, &c.op));
	opcase_free(&c);
}

static void test_run_numbers(void)
{
	static const uint32_t shapes[][3] = {
		{ 1, 1, 1 }, { 1, 7, 1 }, { 3, 1, 5 }, { 7, 13, 5 }, { 5, 9, 17 }, { 33, 17, 40 },
		{ 67, 300, 291 },	/* crosses the 128 (k) and 256 (n) cache blocks */
	};
	const uint32_t P = COGOS_MEM_POOL, C = COGOS_MEM_COPY, N = COGOS_MEM_PINNED;
	uint32_t s, op, mems[3][3] = { { P, P, P }, { C, C, C }, { N, N, N } };

	for (s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++) {
		uint32_t m = shapes[s][0], k = shapes[s][1], n = shapes[s][2];
		const uint32_t *mm = mems[s % 3];

		for (op = COGOS_OP_SUM; op <= COGOS_OP_ARGMAX; op++) {
			run_case(op, COGOS_DT_F32, 0, m, k, n, mm[0], mm[1], mm[2]);
			if (op == COGOS_OP_SUM || op == COGOS_OP_MATRIX_MULT)
				run_case(op, COGOS_DT_I32, 0, m, k, n, mm[0], mm[1], mm[2]);
		}
		run_case(COGOS_OP_DENSE, COGOS_DT_F32, COGOS_OPF_RELU, m, k, n,
			 mm[0], mm[1], mm[2]);
	}
	/* every memory kind in every role */
	run_case(COGOS_OP_DENSE, COGOS_DT_F32, COGOS_OPF_RELU, 19, 23, 29, P, C, N);
	run_case(COGOS_OP_DENSE, COGOS_DT_F32, 0, 19, 23, 29, N, P, C);
	run_case(COGOS_OP_MATRIX_MULT, COGOS_DT_I32, 0, 19, 23, 29, C, N, P);
	run_case(COGOS_OP_SUM, COGOS_DT_F32, 0, 100, 1, 1000, N, C, P);
	/* large */
	run_case(COGOS_OP_MATRIX_MULT, COGOS_DT_F32, 0, 512, 512, 512, P, P, P);
	run_case(COGOS_OP_MATRIX_MULT, COGOS_DT_I32, 0, 256, 256, 256, N, N, C);
	run_case(COGOS_OP_SOFTMAX, COGOS_DT_F32, 0, 512, 1, 512, C, C, P);
}

/* Special values: I32 wrap-around, ReLU of -0/NaN, ARGMAX with NaN, SUM in place. */
static void test_run_special(void)
{
	struct operand a, b, o;
	struct cogos_tensor_op op = { 0 };
	int32_t *ai, *bi, *oi;
	float *af, *of;
	int err;

	must_new(&a, tfd, COGOS_MEM_POOL, 1, 4);
	must_new(&b, tfd, COGOS_MEM_POOL, 1, 4);
	must_new(&o, tfd, COGOS_MEM_POOL, 1, 4);
	ai = a.p;
	bi = b.p;
	oi = o.p;
	ai[0] = INT32_MAX; bi[0] = 1;
	ai[1] = INT32_MIN; bi[1] = -1;
	ai[2] = -5; bi[2] = 3;
	ai[3] = 0x40000000; bi[3] = 0x40000000;
	op = (struct cogos_tensor_op){ .opcode = COGOS_OP_SUM, .dtype = COGOS_DT_I32,
				       .a = a.d, .b = b.d, .out = o.d };
	err = xioctl(tfd, COGOS_TENSOR_IOC_RUN, &op);
	check(!err && oi[0] == INT32_MIN && oi[1] == INT32_MAX && oi[2] == -2 && oi[3] == INT32_MIN,
	      "SUM I32 wraps modulo 2^32 (%s)", ename(err));

	/* in place: out = a */
	op.out = a.d;
	err = xioctl(tfd, COGOS_TENSOR_IOC_RUN, &op);
	check(!err && ai[0] == INT32_MIN && ai[2] == -2, "SUM I32 in place (out = a) (%s)",
	      ename(err));

	/* MATRIX_MULT I32 1x1x1 wraps */
	ai[0] = 0x10000; bi[0] = 0x10000;
	a.d.cols = b.d.rows = b.d.cols = o.d.cols = 1;
	op = (struct cogos_tensor_op){ .opcode = COGOS_OP_MATRIX_MULT, .dtype = COGOS_DT_I32,
				       .a = a.d, .b = b.d, .out = o.d };
	err = xioctl(tfd, COGOS_TENSOR_IOC_RUN, &op);
	check(!err && oi[0] == 0, "MATRIX_MULT I32 0x10000 * 0x10000 wraps to 0 (%s)", ename(err));
	a.d.cols = b.d.rows = b.d.cols = o.d.cols = 4;

	af = a.p;
	of = o.p;
	af[0] = -0.0f; af[1] = NAN; af[2] = -INFINITY; af[3] = 3.5f;
	op = (struct cogos_tensor_op){ .opcode = COGOS_OP_RELU, .a = a.d, .out = o.d };
	err = xioctl(tfd, COGOS_TENSOR_IOC_RUN, &op);
	check(!err && of[0] == 0.0f && signbit(of[0]) && isnan(of[1]) && of[2] == 0.0f &&
	      !signbit(of[2]) && of[3] == 3.5f, "RELU keeps -0 and NaN, maps -inf to +0 (%s)",
	      ename(err));

	af[0] = 1.0f; af[1] = NAN; af[2] = 5.0f; af[3] = NAN;
	o.d.cols = 1;
	op = (struct cogos_tensor_op){ .opcode = COGOS_OP_ARGMAX, .a = a.d, .out = o.d };
	err = xioctl(tfd, COGOS_TENSOR_IOC_RUN, &op);
	check(!err && oi[0] == 1, "ARGMAX: the first NaN wins (%s, got %d)", ename(err), oi[0]);
	af[0] = -0.0f; af[1] = 0.0f; af[2] = -1.0f; af[3] = 0.0f;
	err = xioctl(tfd, COGOS_TENSOR_IOC_RUN, &op);
	check(!err && oi[0] == 0, "ARGMAX: -0 and +0 tie, the first wins (%s, got %d)", ename(err),
	      oi[0]);
	o.d.cols = 4;

	af[0] = 1000.0f; af[1] = 1000.0f; af[2] = -1000.0f; af[3] = 999.0f;
	op = (struct cogos_tensor_op){ .opcode = COGOS_OP_SOFTMAX, .a = a.d, .out = a.d };
	err = xioctl(tfd, COGOS_TENSOR_IOC_RUN, &op);
	check(!err && fabsf(af[0] + af[1] + af[2] + af[3] - 1.0f) < 1e-6f && af[0] == af[1] &&
	      af[2] == 0.0f && isfinite(af[3]),
	      "SOFTMAX in place of [1000 1000 -1000 999] is stable, sums to 1 (%s)", ename(err));

	operand_free(&a);
	operand_free(&b);
	operand_free(&o);
}

/*
 * RUN: bad inputs
 */

static struct operand ba, bb, bbias, bout;

/* A valid 4x8 * 8x4 DENSE, all in the pool, to break one field at a time. */
static struct cogos_tensor_op good_dense(void)
{
	return (struct cogos_tensor_op){ .opcode = COGOS_OP_DENSE, .dtype = COGOS_DT_F32,
					 .a = ba.d, .b = bb.d, .bias = bbias.d, .out = bout.d };
}

static void expect_run(struct cogos_tensor_op op, int want, const char *what)
{
	uint64_t errors_before, errors_after;
	struct cogos_tensor_info i;
	int err;

	tensor_info(&i);
	errors_before = i.errors;
	err = xioctl(tfd, COGOS_TENSOR_IOC_RUN, &op);
	tensor_info(&i);
	errors_after = i.errors;
	check(err == want && (want == 0 || errors_after == errors_before + 1),
	      "RUN %s -> %s (%s)", what, ename(want), ename(err));
}

static void test_run_errors(void)
{
	struct cogos_tensor_op op;
	struct cogos_tensor_alloc al = { .bytes = info.block_bytes };
	void *ro, *unmapped;
	float *heap;
	uint64_t off;
	int fd2;

	must_new(&ba, tfd, COGOS_MEM_POOL, 4, 8);
	must_new(&bb, tfd, COGOS_MEM_POOL, 8, 4);
	must_new(&bbias, tfd, COGOS_MEM_POOL, 1, 4);
	must_new(&bout, tfd, COGOS_MEM_POOL, 4, 4);
	fill(&ba, COGOS_DT_F32, 1);
	fill(&bb, COGOS_DT_F32, 1);
	fill(&bbias, COGOS_DT_F32, 1);

	expect_run(good_dense(), 0, "valid DENSE (the base of the bad cases)");

	op = good_dense(); op.opcode = 6;
	expect_run(op, EINVAL, "unknown opcode 6");
	op = good_dense(); op.opcode = 0xffffffff;
	expect_run(op, EINVAL, "unknown opcode 0xffffffff");
	op = good_dense(); op.dtype = COGOS_DT_I32;
	expect_run(op, EINVAL, "DENSE with dtype I32");
	op = good_dense(); op.dtype = 2;
	expect_run(op, EINVAL, "unknown dtype 2");
	op = good_dense(); op.flags = 2;
	expect_run(op, EINVAL, "unknown flag bit 1");
	op = (struct cogos_tensor_op){ .opcode = COGOS_OP_RELU, .flags = COGOS_OPF_RELU,
				       .a = bout.d, .out = bout.d };
	expect_run(op, EINVAL, "COGOS_OPF_RELU on RELU (DENSE only)");
	op = good_dense(); op.priority = COGOS_TENSOR_PRIO_MAX + 1;
	expect_run(op, EINVAL, "priority PRIO_MAX + 1");
	op = good_dense(); op.a.reserved = 1;
	expect_run(op, EINVAL, "a.reserved != 0");
	op = good_dense(); op.out.reserved = 0x80000000;
	expect_run(op, EINVAL, "out.reserved != 0");
	op = good_dense(); op.a.rows = 0; op.out.rows = 0;
	expect_run(op, EINVAL, "zero rows");
	op = good_dense(); op.b.cols = 0;
	expect_run(op, EINVAL, "zero cols");
	op = good_dense(); op.a.rows = COGOS_TENSOR_MAX_DIM + 1; op.out.rows = op.a.rows;
	expect_run(op, EINVAL, "rows > COGOS_TENSOR_MAX_DIM");
	op = good_dense(); op.a.cols = 0xffffffff; op.b.rows = 0xffffffff;
	expect_run(op, EINVAL, "cols 2^32-1");
	op = good_dense(); op.a.mem = 3;
	expect_run(op, EINVAL, "unknown mem kind 3");
	op = good_dense(); op.a.addr += 2;
	expect_run(op, EINVAL, "misaligned pool offset");
	op = good_dense(); op.a.mem = COGOS_MEM_COPY; op.a.addr = (uintptr_t)ba.p + 1;
	expect_run(op, EINVAL, "misaligned COPY pointer");
	op = good_dense(); op.out.mem = COGOS_MEM_PINNED; op.out.addr = (uintptr_t)bout.p + 2;
	expect_run(op, EINVAL, "misaligned PINNED pointer");
	op = good_dense(); op.opcode = COGOS_OP_MATRIX_MULT;
	expect_run(op, EINVAL, "MATRIX_MULT with a bias descriptor (unused must be zero)");
	op = (struct cogos_tensor_op){ .opcode = COGOS_OP_RELU, .a = bout.d, .b = { .rows = 1 },
				       .out = bout.d };
	expect_run(op, EINVAL, "RELU with a non-zero b");
	op = good_dense(); op.b.rows = 4; op.b.cols = 8;
	expect_run(op, EINVAL, "inner dimensions differ (4x8 * 4x8)");
	op = good_dense(); op.out.cols = 3;
	expect_run(op, EINVAL, "out of the wrong shape");
	op = good_dense(); op.bias.rows = 2;
	expect_run(op, EINVAL, "bias 2 x n");
	op = good_dense(); op.bias.cols = 3;
	expect_run(op, EINVAL, "bias 1 x (n-1)");
	op = (struct cogos_tensor_op){ .opcode = COGOS_OP_SUM, .a = ba.d, .b = bb.d, .out = ba.d };
	expect_run(op, EINVAL, "SUM of 4x8 and 8x4");
	op = (struct cogos_tensor_op){ .opcode = COGOS_OP_ARGMAX, .a = ba.d, .out = ba.d };
	expect_run(op, EINVAL, "ARGMAX out not rows x 1");
	op = (struct cogos_tensor_op){ .opcode = COGOS_OP_SOFTMAX, .a = ba.d, .out = bout.d };
	expect_run(op, EINVAL, "SOFTMAX out of another shape");
	op = good_dense(); op.out = op.a; op.out.cols = 4; op.out.addr += 16;
	expect_run(op, EINVAL, "out overlapping a (pool)");

	/* pool offsets outside the caller's allocations */
	op = good_dense(); op.a.addr = ba.d.addr + info.block_bytes - 16;
	expect_run(op, EINVAL, "pool operand running past its allocation");
	op = good_dense(); op.a.addr = (uint64_t)info.pool_blocks * info.block_bytes;
	expect_run(op, EINVAL, "pool offset beyond the pool");
	fd2 = open("/dev/" COGOS_TENSOR_DEVICE, O_RDWR);
	xioctl(fd2, COGOS_TENSOR_IOC_ALLOC, &al);
	op = good_dense(); op.a.addr = al.offset;
	expect_run(op, EINVAL, "pool offset of another open file's allocation");
	close(fd2);
	op = good_dense(); op.a.mem = COGOS_MEM_PINNED; op.a.addr = (uintptr_t)ba.p;
	expect_run(op, EINVAL, "PINNED pointer into the device's own mapping");

	/* EOVERFLOW: the end of an operand does not fit in 64 bits */
	op = good_dense(); op.a.mem = COGOS_MEM_COPY; op.a.addr = 0xffffffffffffff80ull;
	expect_run(op, EOVERFLOW, "COPY address + size overflows 64 bits");
	op = good_dense(); op.out.addr = 0xfffffffffffffff0ull;
	expect_run(op, EOVERFLOW, "pool offset + size overflows 64 bits");

	/* EFAULT */
	ro = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	/* no mmap between here and the last use of unmapped */
	unmapped = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(unmapped, page);
	op = good_dense(); op.a.mem = COGOS_MEM_COPY; op.a.addr = 0;
	expect_run(op, EFAULT, "COPY input at NULL");
	op = good_dense(); op.a.mem = COGOS_MEM_COPY; op.a.addr = (uintptr_t)unmapped;
	expect_run(op, EFAULT, "COPY input unmapped");
	op = good_dense(); op.a.mem = COGOS_MEM_COPY; op.a.addr = 0xffff800000000000ull;
	expect_run(op, EFAULT, "COPY input at a kernel address");
	op = good_dense(); op.out.mem = COGOS_MEM_COPY; op.out.addr = (uintptr_t)ro;
	expect_run(op, EFAULT, "COPY output read-only");
	op = good_dense(); op.b.mem = COGOS_MEM_PINNED; op.b.addr = (uintptr_t)unmapped;
	expect_run(op, EFAULT, "PINNED input unmapped");
	op = good_dense(); op.out.mem = COGOS_MEM_PINNED; op.out.addr = (uintptr_t)ro;
	expect_run(op, EFAULT, "PINNED output read-only");
	op = good_dense(); op.out.mem = COGOS_MEM_PINNED; op.out.addr = 0xffffffff80000000ull;
	expect_run(op, EFAULT, "PINNED output at a kernel address");
	check(xioctl(tfd, COGOS_TENSOR_IOC_RUN, (void *)(uintptr_t)0xdead000) == EFAULT,
	      "RUN with an unmapped op -> EFAULT");
	heap = malloc(4097 * 4097 * 4);
	op = (struct cogos_tensor_op){ .opcode = COGOS_OP_RELU,
		.a = { .addr = (uintptr_t)heap, .rows = 4097, .cols = 4097,
		       .mem = COGOS_MEM_PINNED },
		.out = { .addr = (uintptr_t)heap, .rows = 4097, .cols = 4097,
			 .mem = COGOS_MEM_PINNED } };
	expect_run(op, EINVAL, "PINNED operands beyond pin_limit_mb (2 x 64 MiB)");
	free(heap);
	munmap(ro, page);

	/* ENOMEM: COPY scratch when the pool is exhausted */
	{
		struct pool_fill fill = fill_pool();
		op = good_dense(); op.a.mem = COGOS_MEM_COPY; op.a.addr = (uintptr_t)ba.p;
		expect_run(op, ENOMEM, "COPY operand with the pool exhausted");
		drain_pool(&fill);
		expect_run(op, 0, "the same COPY operand once blocks are free again");
	}

	/* a pool operand of a call is busy: FREE is refused while it runs is not observable here,
	 * but a FREE right after the call must succeed (the busy count went back to zero) */
	off = bout.offset;
	munmap(bout.map, bout.maplen);
	check(!xioctl(tfd, COGOS_TENSOR_IOC_FREE, &off), "FREE of an operand after its calls");
	bout.p = NULL;
	operand_free(&ba);
	operand_free(&bb);
	operand_free(&bbias);
}

/*
 * BATCH
 */

static void test_batch(void)
{
	enum { NB = 12 };
	struct opcase cs[NB];
	struct cogos_tensor_op ops[NB];
	struct cogos_tensor_batch batch;
	struct cogos_tensor_info before, after;
	void *ro;
	int i, err, ok_exact = 1, ok_ref = 1;
	double worst;

	for (i = 0; i < NB; i++) {
		memset(&cs[i], 0, sizeof(cs[i]));
		cs[i].opcode = i % 6;
		cs[i].dtype = (i == 6 || i == 7) ? COGOS_DT_I32 : COGOS_DT_F32;
		cs[i].m = 5 + i * 3;
		cs[i].k = 3 + i;
		cs[i].n = 2 + i * 5;
		cs[i].prio = i % 4;
		cs[i].mem[0] = i % 3;
		cs[i].mem[1] = (i + 1) % 3;
		cs[i].mem[2] = (i + 2) % 3;
		cs[i].mem[3] = (i / 3) % 3;
		opcase_setup(&cs[i]);
		ops[i] = cs[i].op;
	}
	tensor_info(&before);
	batch = (struct cogos_tensor_batch){ .ops = (uintptr_t)ops, .count = NB };
	err = xioctl(tfd, COGOS_TENSOR_IOC_BATCH, &batch);
	tensor_info(&after);
	check(!err && batch.completed == NB, "BATCH of %d ops, priorities 0..3, mixed memory: "
	      "completed %u (%s)", NB, batch.completed, ename(err));
	check(after.calls == before.calls + NB, "INFO: calls grew by %d", NB);
	for (i = 0; i < NB; i++) {
		size_t outn = (size_t)cs[i].m * (cs[i].opcode == COGOS_OP_ARGMAX ? 1 : cs[i].n);

		ok_exact &= !memcmp(cs[i].out.p, cs[i].expect, outn * 4);
		ok_ref &= opcase_reference(&cs[i], &worst);
	}
	check(ok_exact, "BATCH: every output bit-exact with user space");
	check(ok_ref, "BATCH: every output matches the double reference");

	/* validated before any runs: one bad op, no output written */
	for (i = 0; i < NB; i++)
		memset(cs[i].out.p, 0xee, 4);
	ops[7].priority = 9;
	batch = (struct cogos_tensor_batch){ .ops = (uintptr_t)ops, .count = NB, .completed = 77 };
	err = xioctl(tfd, COGOS_TENSOR_IOC_BATCH, &batch);
	ok_exact = 1;
	for (i = 0; i < NB; i++)
		ok_exact &= ((unsigned char *)cs[i].out.p)[0] == 0xee;
	check(err == EINVAL && batch.completed == 0 && ok_exact,
	      "BATCH with op 7 invalid -> EINVAL, completed 0, nothing written (%s)", ename(err));
	ops[7].priority = 0;

	ops[4].a.mem = COGOS_MEM_COPY;
	ops[4].a.addr = 8;
	batch = (struct cogos_tensor_batch){ .ops = (uintptr_t)ops, .count = NB };
	err = xioctl(tfd, COGOS_TENSOR_IOC_BATCH, &batch);
	ok_exact = 1;
	for (i = 0; i < NB; i++)
		ok_exact &= ((unsigned char *)cs[i].out.p)[0] == 0xee;
	check(err == EFAULT && batch.completed == 0 && ok_exact,
	      "BATCH with op 4 unreadable -> EFAULT before any op runs (%s)", ename(err));
	ops[4] = cs[4].op;

	ro = mmap(NULL, round_up((size_t)cs[1].m * cs[1].n * 4, page), PROT_READ,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ops[1].out.mem = COGOS_MEM_COPY;
	ops[1].out.addr = (uintptr_t)ro;
	batch = (struct cogos_tensor_batch){ .ops = (uintptr_t)ops, .count = NB };
	err = xioctl(tfd, COGOS_TENSOR_IOC_BATCH, &batch);
	check(err == EFAULT && batch.completed == NB - 1,
	      "BATCH with op 1's COPY output read-only -> EFAULT, completed %u of %d",
	      batch.completed, NB);
	munmap(ro, round_up((size_t)cs[1].m * cs[1].n * 4, page));
	ops[1] = cs[1].op;

	batch = (struct cogos_tensor_batch){ .ops = (uintptr_t)ops, .count = 0 };
	err = xioctl(tfd, COGOS_TENSOR_IOC_BATCH, &batch);
	check(err == EINVAL, "BATCH of 0 ops -> EINVAL (%s)", ename(err));
	batch = (struct cogos_tensor_batch){ .ops = (uintptr_t)ops,
					     .count = COGOS_TENSOR_MAX_BATCH + 1 };
	err = xioctl(tfd, COGOS_TENSOR_IOC_BATCH, &batch);
	check(err == EINVAL, "BATCH of MAX_BATCH + 1 ops -> EINVAL (%s)", ename(err));
	batch = (struct cogos_tensor_batch){ .ops = 0xdead000, .count = 3 };
	err = xioctl(tfd, COGOS_TENSOR_IOC_BATCH, &batch);
	check(err == EFAULT, "BATCH with an unmapped ops array -> EFAULT (%s)", ename(err));
	err = xioctl(tfd, COGOS_TENSOR_IOC_BATCH, NULL);
	check(err == EFAULT, "BATCH with a NULL argument -> EFAULT (%s)", ename(err));

	for (i = 0; i < NB; i++)
		opcase_free(&cs[i]);
}

/*
 * MLP
 */

struct mlpcase {
	uint32_t nlayers, batch, width[COGOS_TENSOR_MAX_LAYERS + 1], flags, mem;
	struct operand in, out, classes, w[COGOS_TENSOR_MAX_LAYERS], b[COGOS_TENSOR_MAX_LAYERS];
	struct cogos_tensor_mlp mlp;
};

static void mlp_setup(struct mlpcase *c)
{
	uint32_t i;

	must_new(&c->in, tfd, c->mem, c->batch, c->width[0]);
	fill(&c->in, COGOS_DT_F32, 1);
	memset(&c->mlp, 0, sizeof(c->mlp));
	c->mlp.nlayers = c->nlayers;
	c->mlp.flags = c->flags;
	c->mlp.priority = 2;
	c->mlp.input = c->in.d;
	for (i = 0; i < c->nlayers; i++) {
		must_new(&c->w[i], tfd, (c->mem + i) % 3, c->width[i], c->width[i + 1]);
		must_new(&c->b[i], tfd, (c->mem + i + 1) % 3, 1, c->width[i + 1]);
		fill(&c->w[i], COGOS_DT_F32, 1);
		fill(&c->b[i], COGOS_DT_F32, 0.5f);
		c->mlp.layers[i].weights = c->w[i].d;
		c->mlp.layers[i].bias = c->b[i].d;
		c->mlp.layers[i].activation = i + 1 < c->nlayers ? COGOS_ACT_RELU : COGOS_ACT_NONE;
	}
	must_new(&c->out, tfd, c->mem, c->batch, c->width[c->nlayers]);
	c->mlp.output = c->out.d;
	if (c->flags & COGOS_MLPF_ARGMAX) {
		must_new(&c->classes, tfd, (c->mem + 2) % 3, c->batch, 1);
		c->mlp.classes = c->classes.d;
	}
}

static void mlp_free(struct mlpcase *c)
{
	uint32_t i;

	operand_free(&c->in);
	operand_free(&c->out);
	operand_free(&c->classes);
	for (i = 0; i < c->nlayers; i++) {
		operand_free(&c->w[i]);
		operand_free(&c->b[i]);
	}
}

/* The same forward pass in user space (bit-exact target) and in double (reference). */
static void mlp_verify(struct mlpcase *c, int err)
{
	uint32_t l, i, j, p, nb = c->batch, wmax = 0;
	float *act, *next;
	double *ref, *rnext, worst = 0;
	int32_t *cls = NULL;
	size_t outn = (size_t)nb * c->width[c->nlayers];
	int ok = 1, ok_cls = 1;
	char name[96];

	snprintf(name, sizeof(name), "MLP %u layers, batch %u, %ux..x%u, %s%s, %s", c->nlayers, nb,
		 c->width[0], c->width[c->nlayers], c->flags & COGOS_MLPF_SOFTMAX ? "softmax" : "-",
		 c->flags & COGOS_MLPF_ARGMAX ? "+argmax" : "", mem_name(c->mem));
	if (!check(!err, "%s: succeeds (%s)", name, ename(err)))
		return;
	for (l = 0; l <= c->nlayers; l++)
		wmax = c->width[l] > wmax ? c->width[l] : wmax;
	act = malloc((size_t)nb * wmax * 4);
	next = malloc((size_t)nb * wmax * 4);
	ref = malloc((size_t)nb * wmax * 8);
	rnext = malloc((size_t)nb * wmax * 8);
	memcpy(act, c->in.p, (size_t)nb * c->width[0] * 4);
	for (i = 0; i < nb * c->width[0]; i++)
		ref[i] = ((float *)c->in.p)[i];
	for (l = 0; l < c->nlayers; l++) {
		uint32_t k = c->width[l], n = c->width[l + 1];
		const float *w = c->w[l].p, *b = c->b[l].p;
		int relu = c->mlp.layers[l].activation == COGOS_ACT_RELU;
		void *t;

		cogos_dense_f32(info.simd, act, w, b, next, 0, nb, k, n, relu);
		for (i = 0; i < nb; i++)
			for (j = 0; j < n; j++) {
				double s = b[j];

				for (p = 0; p < k; p++)
					s += ref[(size_t)i * k + p] * w[(size_t)p * n + j];
				rnext[(size_t)i * n + j] = relu && s < 0 ? 0 : s;
			}
		t = act; act = next; next = t;
		t = ref; ref = rnext; rnext = t;
	}
	if (c->flags & COGOS_MLPF_SOFTMAX) {
		uint32_t n = c->width[c->nlayers];

		cogos_softmax_f32(act, act, 0, nb, n);
		for (i = 0; i < nb; i++) {
			double m = -INFINITY, s = 0;

			for (j = 0; j < n; j++)
				m = fmax(m, ref[(size_t)i * n + j]);
			for (j = 0; j < n; j++)
				s += exp(ref[(size_t)i * n + j] - m);
			for (j = 0; j < n; j++)
				ref[(size_t)i * n + j] = exp(ref[(size_t)i * n + j] - m) / s;
		}
	}
	check(!memcmp(c->out.p, act, outn * 4), "%s: output bit-exact with user space (simd %u)",
	      name, info.simd);
	/* relative 1e-4 of the output's scale: the layers compound the documented per-op bounds */
	for (i = 0; i < outn; i++) {
		double d = fabs(((float *)c->out.p)[i] - ref[i]) / (1e-4 * (1 + fabs(ref[i])));

		if (d > 1)
			ok = 0;
		worst = d > worst ? d : worst;
	}
	check(ok, "%s: output matches the double reference (worst %.3f of tol)", name, worst);
	if (c->flags & COGOS_MLPF_ARGMAX) {
		cls = malloc(nb * 4);
		cogos_argmax_f32(act, cls, 0, nb, c->width[c->nlayers]);
		ok_cls = !memcmp(cls, c->classes.p, nb * 4);
		check(ok_cls, "%s: classes = user-space argmax of the output", name);
		free(cls);
	}
	free(act);
	free(next);
	free(ref);
	free(rnext);
}

static void run_mlp(uint32_t nlayers, uint32_t batch, const uint32_t *width, uint32_t flags,
		    uint32_t mem)
{
	struct mlpcase c;

	memset(&c, 0, sizeof(c));
	c.nlayers = nlayers;
	c.batch = batch;
	memcpy(c.width, width, (nlayers + 1) * sizeof(*width));
	c.flags = flags;
	c.mem = mem;
	mlp_setup(&c);
	mlp_verify(&c, xioctl(tfd, COGOS_TENSOR_IOC_MLP, &c.mlp));
	mlp_free(&c);
}

static void expect_mlp(struct cogos_tensor_mlp *m, int want, const char *what)
{
	int err = xioctl(tfd, COGOS_TENSOR_IOC_MLP, m);

	check(err == want, "MLP %s -> %s (%s)", what, ename(want), ename(err));
}

static void test_mlp(void)
{
	static const uint32_t w3[] = { 24, 64, 32, 5 }, w1[] = { 7, 3 };
	static const uint32_t w8[] = { 9, 17, 33, 8, 40, 12, 6, 11, 4 };
	static const uint32_t w2[] = { 130, 300, 10 };
	struct mlpcase c;
	struct cogos_tensor_mlp m;

	run_mlp(3, 37, w3, COGOS_MLPF_SOFTMAX | COGOS_MLPF_ARGMAX, COGOS_MEM_POOL);
	run_mlp(3, 16, w3, COGOS_MLPF_ARGMAX, COGOS_MEM_COPY);
	run_mlp(1, 1, w1, 0, COGOS_MEM_PINNED);
	run_mlp(8, 21, w8, COGOS_MLPF_SOFTMAX, COGOS_MEM_COPY);
	run_mlp(2, 64, w2, COGOS_MLPF_SOFTMAX | COGOS_MLPF_ARGMAX, COGOS_MEM_PINNED);

	memset(&c, 0, sizeof(c));
	c.nlayers = 3;
	c.batch = 4;
	memcpy(c.width, w3, sizeof(w3));
	c.flags = COGOS_MLPF_ARGMAX;
	c.mem = COGOS_MEM_POOL;
	mlp_setup(&c);
	m = c.mlp;
	expect_mlp(&m, 0, "valid 3 layers (the base of the bad cases)");
	m = c.mlp; m.nlayers = 0;
	expect_mlp(&m, EINVAL, "nlayers 0");
	m = c.mlp; m.nlayers = COGOS_TENSOR_MAX_LAYERS + 1;
	expect_mlp(&m, EINVAL, "nlayers MAX_LAYERS + 1");
	m = c.mlp; m.nlayers = 2;
	expect_mlp(&m, EINVAL, "nlayers 2 with a third layer filled in (unused not zero)");
	m = c.mlp; m.flags = 4;
	expect_mlp(&m, EINVAL, "unknown flags");
	m = c.mlp; m.priority = 4;
	expect_mlp(&m, EINVAL, "priority 4");
	m = c.mlp; m.reserved = 1;
	expect_mlp(&m, EINVAL, "reserved != 0");
	m = c.mlp; m.layers[1].reserved = 1;
	expect_mlp(&m, EINVAL, "layer reserved != 0");
	m = c.mlp; m.layers[1].activation = 2;
	expect_mlp(&m, EINVAL, "unknown activation");
	m = c.mlp; m.layers[1].weights.rows = 63;
	expect_mlp(&m, EINVAL, "layer 1 inputs != layer 0 outputs");
	m = c.mlp; m.layers[2].bias.cols = 4;
	expect_mlp(&m, EINVAL, "layer 2 bias of the wrong width");
	m = c.mlp; m.output.cols = 6;
	expect_mlp(&m, EINVAL, "output of the wrong width");
	m = c.mlp; m.output.rows = 5;
	expect_mlp(&m, EINVAL, "output rows != batch");
	m = c.mlp; m.classes.cols = 2;
	expect_mlp(&m, EINVAL, "classes not batch x 1");
	m = c.mlp; m.flags = 0;
	expect_mlp(&m, EINVAL, "classes given without COGOS_MLPF_ARGMAX");
	m = c.mlp; m.layers[7].activation = 1;
	expect_mlp(&m, EINVAL, "unused layer 7 not zero");
	m = c.mlp; m.input.addr += 1;
	expect_mlp(&m, EINVAL, "misaligned input");
	m = c.mlp; m.input.rows = COGOS_TENSOR_MAX_DIM + 1;
	expect_mlp(&m, EINVAL, "batch > MAX_DIM");
	m = c.mlp; m.layers[0].weights.addr = 0xffffffffffffff00ull;
	expect_mlp(&m, EOVERFLOW, "weights offset + size overflows");
	m = c.mlp; m.layers[0].weights.mem = COGOS_MEM_COPY; m.layers[0].weights.addr = 4096;
	expect_mlp(&m, EFAULT, "unreadable COPY weights");
	check(xioctl(tfd, COGOS_TENSOR_IOC_MLP, (void *)(uintptr_t)0xdead000) == EFAULT,
	      "MLP with an unmapped argument -> EFAULT");
	{
		/* the activations between layers come from the pool */
		struct pool_fill fill = fill_pool();
		m = c.mlp;
		expect_mlp(&m, ENOMEM, "with the pool exhausted (no room for activations)");
		drain_pool(&fill);
	}
	mlp_free(&c);
}

/*
 * Signals, concurrency, the final state
 */

static void on_signal(int sig)
{
	(void)sig;
}

struct alarm_arg {
	pthread_t target;
	double delay_ms;
};

static void *alarm_thread(void *p)
{
	struct alarm_arg *a = p;

	usleep((useconds_t)(a->delay_ms * 1000));
	pthread_kill(a->target, SIGUSR1);
	return NULL;
}

/*
 * A multiply that runs at least 400 ms here (emulated guests are slow), on PINNED memory so that
 * other callers' POOL and COPY operands do not compete with it; its time in *dt. 0 or -1 (checked).
 */
static int long_multiply(struct opcase *c, double *dt)
{
	uint32_t n = 128;
	double t0;
	int err;

	/* grow the matrix until one multiply takes 400 ms */
	for (;;) {
		memset(c, 0, sizeof(*c));
		c->opcode = COGOS_OP_MATRIX_MULT;
		c->m = c->k = c->n = n;
		c->mem[0] = c->mem[1] = c->mem[3] = COGOS_MEM_PINNED;
		opcase_setup(c);
		t0 = now_ms();
		err = xioctl(tfd, COGOS_TENSOR_IOC_RUN, &c->op);
		*dt = now_ms() - t0;
		if (err || *dt >= 400 || n >= 2048)
			break;
		opcase_free(c);
		n *= 2;
	}
	if (!check(!err && *dt >= 400, "long op setup: a %ux%ux%u multiply takes %.0f ms (%s)",
		   n, n, n, *dt, ename(err))) {
		opcase_free(c);
		return -1;
	}
	return 0;
}

/* A signal while the workers run a long op: EINTR, and the device works on afterwards. */
static void test_eintr(struct opcase *c, double dt)
{
	struct sigaction sa = { .sa_handler = on_signal };	/* no SA_RESTART */
	struct alarm_arg aa;
	size_t bytes = (size_t)c->m * c->n * 4;
	pthread_t t;
	double t0;
	int err;

	sigaction(SIGUSR1, &sa, NULL);
	aa = (struct alarm_arg){ .target = pthread_self(), .delay_ms = dt / 4 };
	pthread_create(&t, NULL, alarm_thread, &aa);
	t0 = now_ms();
	err = xioctl(tfd, COGOS_TENSOR_IOC_RUN, &c->op);
	pthread_join(t, NULL);
	check(err == EINTR, "RUN interrupted by a signal after %.0f ms -> EINTR after %.0f ms (%s)",
	      dt / 4, now_ms() - t0, ename(err));
	memset(c->out.p, 0, bytes);
	err = xioctl(tfd, COGOS_TENSOR_IOC_RUN, &c->op);
	check(!err && !memcmp(c->out.p, c->expect, bytes),
	      "the same RUN again completes, bit-exact (%s)", ename(err));
}

/* The module parameter inline_max_work from sysfs, or -1. */
static long inline_max_work(void)
{
	FILE *f = fopen("/sys/module/cogos_tensor/parameters/inline_max_work", "r");
	long v = -1;

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

struct long_arg {
	struct opcase *c;
	int started, err;
	double t0, t1;		/* when the long op was submitted and when it returned */
};

static void *long_thread(void *p)
{
	struct long_arg *l = p;

	l->t0 = now_ms();
	__atomic_store_n(&l->started, 1, __ATOMIC_SEQ_CST);
	l->err = xioctl(tfd, COGOS_TENSOR_IOC_RUN, &l->c->op);
	l->t1 = now_ms();
	return NULL;
}

/* Runs a SUM of rows x cols (COPY memory); its time in ms, checked bit-exact, or -1. */
static double timed_sum(uint32_t rows, uint32_t cols)
{
	struct opcase s = { .opcode = COGOS_OP_SUM, .dtype = COGOS_DT_F32, .m = rows, .n = cols,
			    .mem = { COGOS_MEM_COPY, COGOS_MEM_COPY, 0, COGOS_MEM_COPY } };
	double t0, dt;
	int err;

	opcase_setup(&s);
	t0 = now_ms();
	err = xioctl(tfd, COGOS_TENSOR_IOC_RUN, &s.op);
	dt = now_ms() - t0;
	if (err || memcmp(s.out.p, s.expect, (size_t)rows * cols * 4))
		dt = -1;
	opcase_free(&s);
	return dt;
}

/*
 * inline_max_work: while a long multiply keeps every worker busy, an op of at most that much work
 * runs on the caller's thread and returns at once; one of more work waits for a worker, i.e. for
 * the long op's ranges to be done. With inline_max_work=0 even a 1x1 SUM waits. The SUMs start an
 * eighth into the long op. Both are judged against the long op's own run, not against dt measured
 * before: under emulation one run of the same op can take half the time of another, which once
 * made a SUM that had waited look as if it had not. The waiting SUM is judged by its own time
 * against the same SUM run alone, not by when it returned: under emulation one worker once
 * finished its half of the multiply at 49 % of the whole, and the SUM it then ran returned
 * "too early" for a check that wanted half.
 */
static void test_inline(struct opcase *c, double dt)
{
	long w = inline_max_work();
	struct long_arg l = { .c = c };
	uint32_t cols = w > 0 && w < 1024 ? (uint32_t)w : 1024, rows = w > 0 ? w / cols : 0;
	uint32_t over_rows = w > 0 ? rows + 1 : 1, over_cols = w > 0 ? cols : 1;
	double small, at = 0, over, over_alone, long_ms;
	pthread_t t;

	if (!check(w >= 0 && w <= 1 << 20, "inline_max_work %ld read from sysfs", w))
		return;
	over_alone = timed_sum(over_rows, over_cols);
	pthread_create(&t, NULL, long_thread, &l);
	while (!__atomic_load_n(&l.started, __ATOMIC_SEQ_CST))
		usleep(1000);
	usleep((useconds_t)(dt / 8 * 1000));
	small = timed_sum(1, 1);
	if (w > 0)
		at = timed_sum(rows, cols);
	/* w = 0: the 1x1 SUM was already over the limit */
	over = w > 0 ? timed_sum(over_rows, over_cols) : small;
	pthread_join(t, NULL);
	long_ms = l.t1 - l.t0;
	check(!l.err && !memcmp(c->out.p, c->expect, (size_t)c->m * c->n * 4),
	      "inline: the long multiply completes, bit-exact (%s)", ename(l.err));
	if (w > 0) {
		check(small >= 0 && small < long_ms / 4,
		      "inline: a 1x1 SUM returns in %.1f ms while the workers are busy for %.0f ms",
		      small, long_ms);
		check(at >= 0 && at < long_ms / 4,
		      "inline: a %ux%u SUM (%u <= inline_max_work %ld) returns in %.1f ms",
		      rows, cols, rows * cols, w, at);
	}
	check(over_alone >= 0 && over >= 0 && over - over_alone > long_ms / 8,
	      "inline: a %ux%u SUM (%u > inline_max_work %ld) waits for a worker: %.1f ms against "
	      "%.1f ms alone, during the multiply's %.0f ms", over_rows, over_cols,
	      over_rows * over_cols, w, over, over_alone, long_ms);
}

struct run_arg {
	struct cogos_tensor_op *op;
	int err;
};

static void *run_thread(void *p)
{
	struct run_arg *r = p;

	r->err = xioctl(tfd, COGOS_TENSOR_IOC_RUN, r->op);
	return NULL;
}

/*
 * Priorities (what native-bridge's SAFETY class relies on): while the long multiply keeps every
 * worker busy, a priority 0 op that writes t queues, then a COGOS_TENSOR_PRIO_MAX op that reads t.
 * The first worker to free up must take the urgent op although it queued later, so that op reads t
 * before the other writes it: all zeros. Both are one-row multiplies of more work than
 * inline_max_work, so each is one job on the workers, seen in INFO's queued count. With queue_depth
 * 1 the urgent op could only queue once a worker had taken the first, so that round checks nothing.
 */
static void test_priority_order(struct opcase *c, double dt)
{
	long w = inline_max_work();
	uint32_t wide = w > 0 ? (uint32_t)(w / 256 + 1) : 1, j;
	struct long_arg l = { .c = c };
	struct opcase bg, urgent;
	struct run_arg b = { .op = &bg.op };
	struct cogos_tensor_info i = { 0 };
	pthread_t tl, tb;
	double t0;
	int zeros = 1, err;

	if (w < 0 || info.queue_depth < 2) {
		printf("note priority order not checked: queue_depth %u, inline_max_work %ld\n",
		       info.queue_depth, w);
		return;
	}
	memset(&bg, 0, sizeof(bg));
	bg.opcode = COGOS_OP_MATRIX_MULT;
	bg.m = 1;
	bg.k = wide;
	bg.n = 256;
	bg.mem[0] = bg.mem[1] = bg.mem[3] = COGOS_MEM_PINNED;
	opcase_setup(&bg);
	memset(bg.out.p, 0, 256 * 4);
	memset(&urgent, 0, sizeof(urgent));
	urgent.opcode = COGOS_OP_MATRIX_MULT;
	urgent.prio = COGOS_TENSOR_PRIO_MAX;
	urgent.m = 1;
	urgent.k = 256;
	urgent.n = wide;
	urgent.mem[0] = urgent.mem[1] = urgent.mem[3] = COGOS_MEM_PINNED;
	opcase_setup(&urgent);
	urgent.op.a = bg.out.d;		/* reads what bg writes */

	pthread_create(&tl, NULL, long_thread, &l);
	while (!__atomic_load_n(&l.started, __ATOMIC_SEQ_CST))
		usleep(1000);
	usleep((useconds_t)(dt / 8 * 1000));
	pthread_create(&tb, NULL, run_thread, &b);
	t0 = now_ms();
	do {
		usleep(1000);
		tensor_info(&i);
	} while (i.queued < 1 && now_ms() - t0 < dt / 4);
	err = xioctl(tfd, COGOS_TENSOR_IOC_RUN, &urgent.op);
	pthread_join(tb, NULL);
	pthread_join(tl, NULL);
	for (j = 0; j < wide; j++)
		zeros &= ((uint32_t *)urgent.out.p)[j] == 0;
	check(i.queued == 1 && !l.err && !b.err && !err && zeros &&
	      !memcmp(bg.out.p, bg.expect, 256 * 4),
	      "priority: with every worker busy, a priority %d op queued after a priority 0 op runs "
	      "first (queued %u; long %s, priority 0 %s, priority %d %s, read zeros %d)",
	      COGOS_TENSOR_PRIO_MAX, i.queued, ename(l.err), ename(b.err),
	      COGOS_TENSOR_PRIO_MAX, ename(err), zeros);
	opcase_free(&urgent);
	opcase_free(&bg);
}

static void test_long_ops(void)
{
	struct opcase c;
	double dt;

	if (long_multiply(&c, &dt))
		return;
	test_eintr(&c, dt);
	test_inline(&c, dt);
	test_priority_order(&c, dt);
	opcase_free(&c);
}

struct worker_arg {
	int id, fails, runs;
	uint64_t seed;
};

static void *concurrent_thread(void *p)
{
	struct worker_arg *w = p;
	int fd = open("/dev/" COGOS_TENSOR_DEVICE, O_RDWR);
	int i;

	for (i = 0; i < 12; i++) {
		struct opcase c;
		uint32_t r = (uint32_t)(w->seed >> 32) ^ (uint32_t)(i * 2654435761u);
		size_t outn;
		int err;

		memset(&c, 0, sizeof(c));
		c.opcode = r % 6;
		c.dtype = c.opcode <= COGOS_OP_MATRIX_MULT && (r & 64) ? COGOS_DT_I32 :
									  COGOS_DT_F32;
		c.m = 1 + r % 41;
		c.k = 1 + (r >> 8) % 37;
		c.n = 1 + (r >> 16) % 53;
		c.prio = (r >> 24) % 4;
		c.mem[0] = r % 3;
		c.mem[1] = (r >> 3) % 3;
		c.mem[2] = (r >> 5) % 3;
		c.mem[3] = (r >> 7) % 3;
		opcase_setup_fd(&c, fd);	/* pool operands in the thread's own file */
		err = xioctl(fd, COGOS_TENSOR_IOC_RUN, &c.op);
		outn = (size_t)c.m * (c.opcode == COGOS_OP_ARGMAX ? 1 : c.n);
		if (err || memcmp(c.out.p, c.expect, outn * 4))
			w->fails++;
		w->runs++;
		opcase_free(&c);
	}
	close(fd);
	return NULL;
}

static void test_concurrent(void)
{
	enum { NT = 4 };
	pthread_t t[NT];
	struct worker_arg w[NT];
	int i, fails = 0, runs = 0;

	for (i = 0; i < NT; i++) {
		w[i] = (struct worker_arg){ .id = i, .seed = 0x1234567ull * (i + 1) << 20 };
		pthread_create(&t[i], NULL, concurrent_thread, &w[i]);
	}
	for (i = 0; i < NT; i++) {
		pthread_join(t[i], NULL);
		fails += w[i].fails;
		runs += w[i].runs;
	}
	check(!fails && runs == NT * 12, "%d threads, each its own file, %d random RUNs: all "
	      "bit-exact (%d failed)", NT, runs, fails);
}

static void test_final(void)
{
	struct cogos_tensor_info i;

	tensor_info(&i);
	check(i.blocks_used == 0 && i.queued == 0, "end: no block used, nothing queued (%u, %u)",
	      i.blocks_used, i.queued);
	check(i.calls > 100 && i.errors > 50, "end: INFO counts %llu calls and %llu errors",
	      i.calls, i.errors);
}

int main(void)
{
	page = (size_t)sysconf(_SC_PAGESIZE);
	setvbuf(stdout, NULL, _IOLBF, 0);
	cfd = open("/dev/" COGOS_COMPUTE_DEVICE, O_RDWR);
	tfd = open("/dev/" COGOS_TENSOR_DEVICE, O_RDWR);
	if (cfd < 0 || tfd < 0) {
		printf("SELFTEST FAIL cannot open the devices: %s\n", strerror(errno));
		return 1;
	}
	test_compute();
	test_info();
	test_alloc();
	test_mmap();
	test_run_numbers();
	test_run_special();
	test_run_errors();
	test_batch();
	test_mlp();
	test_long_ops();
	test_concurrent();
	test_final();
	if (nfail) {
		printf("SELFTEST FAIL %d of %d checks failed\n", nfail, nchecks);
		return 1;
	}
	printf("SELFTEST PASS %d checks\n", nchecks);
	return 0;
}
