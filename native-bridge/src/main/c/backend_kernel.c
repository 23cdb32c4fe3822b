// SPDX-License-Identifier: Apache-2.0
/*
 * The kernel backend: ioctl on /dev/cogos_tensor and /dev/cogos_compute, pool memory mmapped from the
 * tensor device. The kernel is the judge of every call; the same validation runs here first only to
 * explain an EINVAL in words (the kernel returns a bare errno).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bridge.h"

/* 0 or -errno; EINTR is reported, not retried: the API names it (TensorEngineException). */
static int xioctl(int fd, unsigned long request, void *arg)
{
	return ioctl(fd, request, arg) < 0 ? -errno : 0;
}

/*
 * The kernel returned err; local is what cogos_validate_op said about the same op here. Same verdict: keep
 * the local reason. The kernel refusing what validation accepts means something only the kernel can
 * check: addresses.
 */
static void explain(int err, int local, const char **why)
{
	if (err == local)
		return;
	if (err == -EINVAL)
		*why = "refused by the cogos_tensor module: an operand's pool offset is outside this engine's"
		       " allocations or its address is not usable";
	else if (err == -EFAULT)
		*why = "an operand's memory cannot be read or written";
	else if (err == -ENOMEM)
		*why = "the cogos_tensor pool has no free blocks for this call's copies";
	else
		*why = NULL;
}

static int kernel_run(struct bridge *b, const struct cogos_tensor_op *op, const char **why)
{
	struct cogos_tensor_op copy = *op;	/* the ioctl is _IOWR: the driver may write it back */
	int local = cogos_validate_op(op, why);
	int err = xioctl(b->fd, COGOS_TENSOR_IOC_RUN, &copy);

	if (err)
		explain(err, local, why);
	return err;
}

static int kernel_mlp(struct bridge *b, const struct cogos_tensor_mlp *mlp, const char **why)
{
	struct cogos_tensor_mlp copy = *mlp;
	int local = cogos_validate_mlp(mlp, why);
	int err = xioctl(b->fd, COGOS_TENSOR_IOC_MLP, &copy);

	if (err)
		explain(err, local, why);
	return err;
}

static int kernel_batch(struct bridge *b, const struct cogos_tensor_op *ops, u32 count, u32 *completed,
			int *failed, const char **why)
{
	/* the module only reads the ops (memdup_user); completed is written back */
	struct cogos_tensor_batch batch = { .ops = (u64)(uintptr_t)ops, .count = count };
	int local = 0, err;
	u32 i;

	*failed = -1;
	for (i = 0; i < count && !local; i++) {
		local = cogos_validate_op(&ops[i], why);
		if (local)
			*failed = (int)i;
	}
	err = xioctl(b->fd, COGOS_TENSOR_IOC_BATCH, &batch);
	*completed = batch.completed;
	if (err && err != local) {
		/* not the refusal local validation predicted: the kernel's own reason, for no op in particular */
		*failed = -1;
		explain(err, local, why);
	}
	return err;
}

static int kernel_compute(struct bridge *b, u32 op, s64 x, s64 y, s64 *result, const char **why)
{
	struct cogos_compute_req req = { .op = op, .a = x, .b = y };
	int err = xioctl(b->compute_fd, COGOS_COMPUTE_IOC_RUN, &req);

	if (!err) {
		*result = req.result;
		return 0;
	}
	if (err == -EINVAL)
		*why = op == COGOS_OP_DIVIDE && y == 0 ? "division by zero" :
		       op > COGOS_OP_DIVIDE ? "unknown compute op" : "refused by the cogos_compute module";
	else if (err == -EOVERFLOW)
		*why = "the exact result does not fit in 64 bits";
	return err;
}

static u64 mapped_length(struct bridge *b, u64 bytes)
{
	u64 page = (u64)b->page_size;

	return (bytes + page - 1) / page * page;
}

static int kernel_alloc(struct bridge *b, u64 bytes, void **addr, s64 *pool_offset, const char **why)
{
	struct cogos_tensor_alloc req = { .bytes = bytes };
	void *p;
	int err = xioctl(b->fd, COGOS_TENSOR_IOC_ALLOC, &req);

	if (err) {
		*why = err == -ENOMEM ? "the cogos_tensor pool has no free run of blocks that large" : NULL;
		return err;
	}
	p = mmap(NULL, mapped_length(b, bytes), PROT_READ | PROT_WRITE, MAP_SHARED, b->fd,
		 (off_t)req.offset);
	if (p == MAP_FAILED) {
		err = -errno;
		*why = xioctl(b->fd, COGOS_TENSOR_IOC_FREE, &req.offset) ?
		       "mmap of the allocation failed, and so did its FREE: the blocks stay allocated"
		       " until the engine closes" :
		       "mmap of the allocation failed (the allocation was freed)";
		return err;
	}
	*addr = p;
	*pool_offset = (s64)req.offset;
	return 0;
}

/* Both steps run whatever the first did; the first failure is reported. */
static int kernel_free(struct bridge *b, void *addr, u64 bytes, s64 pool_offset, const char **why)
{
	__u64 offset = (__u64)pool_offset;
	int unmap = munmap(addr, mapped_length(b, bytes)) ? -errno : 0;
	int err = xioctl(b->fd, COGOS_TENSOR_IOC_FREE, &offset);

	if (unmap) {
		*why = "munmap of a pool tensor failed";
		return unmap;
	}
	if (err)
		*why = "FREE of a pool tensor failed";
	return err;
}

static int kernel_info(struct bridge *b, struct cogos_tensor_info *info)
{
	return xioctl(b->fd, COGOS_TENSOR_IOC_INFO, info);
}

/* Both descriptors are released whatever close() says (Linux frees the fd first); the first error counts. */
static int kernel_close(struct bridge *b)
{
	int err = close(b->compute_fd) ? -errno : 0;

	if (close(b->fd) && !err)
		err = -errno;
	bridge_scratch_destroy(&b->scratch);
	free(b);
	return err;
}

static const struct bridge_ops kernel_ops = {
	.name = "kernel",
	.run = kernel_run,
	.mlp = kernel_mlp,
	.batch = kernel_batch,
	.compute = kernel_compute,
	.alloc = kernel_alloc,
	.free = kernel_free,
	.info = kernel_info,
	.close = kernel_close,
};

struct bridge *bridge_kernel_open(const char *device, const char *compute_device, int *err,
				  char *msg, size_t len)
{
	struct cogos_tensor_info info;
	struct bridge *b = calloc(1, sizeof(*b));

	if (!b) {
		*err = ENOMEM;
		snprintf(msg, len, "no memory for the kernel tensor engine");
		return NULL;
	}
	b->ops = &kernel_ops;
	bridge_scratch_init(&b->scratch);
	b->compute_fd = -1;
	b->page_size = sysconf(_SC_PAGESIZE);
	b->fd = open(device, O_RDWR | O_CLOEXEC);
	if (b->fd < 0) {
		*err = errno;
		snprintf(msg, len, "cannot open %s", device);
		goto fail;
	}
	*err = -kernel_info(b, &info);
	if (*err) {
		snprintf(msg, len, "COGOS_TENSOR_IOC_INFO on %s failed", device);
		goto fail;
	}
	if (info.abi_version != COGOS_TENSOR_ABI_VERSION) {
		*err = EPROTO;
		snprintf(msg, len, "%s speaks ABI version %u, this bridge version %d", device,
			 info.abi_version, COGOS_TENSOR_ABI_VERSION);
		goto fail;
	}
	b->simd = info.simd;
	b->cpu_features = info.cpu_features;
	b->compute_fd = open(compute_device, O_RDWR | O_CLOEXEC);
	if (b->compute_fd < 0) {
		*err = errno;
		snprintf(msg, len, "cannot open %s", compute_device);
		goto fail;
	}
	return b;
fail:
	if (b->fd >= 0)
		close(b->fd);
	free(b);
	return NULL;
}
