// SPDX-License-Identifier: Apache-2.0
/*
 * The user-space backend: the numeric kernels of kmod/lib/cogos_kernels.c on the caller's thread, after
 * the same validation the kernel module runs (kmod/lib/cogos_validate.c). Operand addresses are pointers into Java direct buffers
 * (COGOS_MEM_PINNED) or into the bridge's copies of Java arrays (COGOS_MEM_COPY); the JNI layer has
 * checked that each buffer holds its rows x cols elements.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bridge.h"

static void *ptr(const struct cogos_tensor_desc *d)
{
	return (void *)(uintptr_t)d->addr;
}

static void exec_op(int simd, const struct cogos_tensor_op *op)
{
	u64 count = (u64)op->a.rows * op->a.cols;
	u32 m = op->a.rows, k = op->a.cols, n = op->b.cols;

	switch (op->opcode) {
	case COGOS_OP_SUM:
		if (op->dtype == COGOS_DT_I32)
			cogos_sum_i32(ptr(&op->a), ptr(&op->b), ptr(&op->out), count);
		else
			cogos_sum_f32(simd, ptr(&op->a), ptr(&op->b), ptr(&op->out), count);
		break;
	case COGOS_OP_MATRIX_MULT:
		if (op->dtype == COGOS_DT_I32)
			cogos_matmul_i32(ptr(&op->a), ptr(&op->b), ptr(&op->out), 0, m, k, n);
		else
			cogos_matmul_f32(simd, ptr(&op->a), ptr(&op->b), ptr(&op->out), 0, m, k, n);
		break;
	case COGOS_OP_DENSE:
		cogos_dense_f32(simd, ptr(&op->a), ptr(&op->b), ptr(&op->bias), ptr(&op->out), 0, m, k, n,
				op->flags & COGOS_OPF_RELU);
		break;
	case COGOS_OP_RELU:
		cogos_relu_f32(simd, ptr(&op->a), ptr(&op->out), count);
		break;
	case COGOS_OP_SOFTMAX:
		cogos_softmax_f32(ptr(&op->a), ptr(&op->out), 0, m, k);
		break;
	case COGOS_OP_ARGMAX:
		cogos_argmax_f32(ptr(&op->a), ptr(&op->out), 0, m, k);
		break;
	}
}

static int user_run(struct bridge *b, const struct cogos_tensor_op *op, const char **why)
{
	int err = cogos_validate_op(op, why);

	if (err)
		return err;
	exec_op(b->simd, op);
	return 0;
}

/*
 * Hidden layers ping-pong between two halves of the engine's scratch, each batch x the widest
 * hidden layer (kept between calls: a sensor runs one forward pass per scan); the last layer
 * writes output, softmax runs in place on it (cogos_softmax_f32 allows that), argmax reads the
 * probabilities: the most probable class, as the kernel module reports it.
 */
static int user_mlp(struct bridge *b, const struct cogos_tensor_mlp *mlp, const char **why)
{
	u32 batch = mlp->input.rows, widest = 0, i;
	float *scratch = NULL;
	const float *in = ptr(&mlp->input);
	int err = cogos_validate_mlp(mlp, why);

	if (err)
		return err;
	for (i = 0; i + 1 < mlp->nlayers; i++)
		if (mlp->layers[i].weights.cols > widest)
			widest = mlp->layers[i].weights.cols;
	if (widest) {
		/* batch, widest <= COGOS_TENSOR_MAX_DIM: 2 * 2^32 floats fit a 64-bit size_t */
		scratch = bridge_scratch_get(&b->scratch,
					     2 * (size_t)batch * widest * sizeof(float));
		if (!scratch) {
			*why = "no memory for the hidden layers' activations";
			return -ENOMEM;
		}
	}
	for (i = 0; i < mlp->nlayers; i++) {
		const struct cogos_tensor_layer *l = &mlp->layers[i];
		float *out = i + 1 == mlp->nlayers ? ptr(&mlp->output) :
			     scratch + (i % 2) * (size_t)batch * widest;

		cogos_dense_f32(b->simd, in, ptr(&l->weights), ptr(&l->bias), out, 0, batch,
				l->weights.rows, l->weights.cols, l->activation == COGOS_ACT_RELU);
		in = out;
	}
	if (mlp->flags & COGOS_MLPF_SOFTMAX)
		cogos_softmax_f32(ptr(&mlp->output), ptr(&mlp->output), 0, batch, mlp->output.cols);
	if (mlp->flags & COGOS_MLPF_ARGMAX)
		cogos_argmax_f32(ptr(&mlp->output), ptr(&mlp->classes), 0, batch, mlp->output.cols);
	if (scratch)
		bridge_scratch_put(&b->scratch, scratch);
	return 0;
}

static int user_compute(struct bridge *b, u32 op, s64 x, s64 y, s64 *result, const char **why)
{
	int err = cogos_compute(op, x, y, result);

	(void)b;
	if (err == -EINVAL)
		*why = op == COGOS_OP_DIVIDE ? "division by zero" : "unknown compute op";
	else if (err == -EOVERFLOW)
		*why = "the exact result does not fit in 64 bits";
	return err;
}

static int user_alloc(struct bridge *b, u64 bytes, void **addr, s64 *pool_offset, const char **why)
{
	(void)b;
	/* calloc: large blocks come zeroed from mmap without touching every page */
	*addr = calloc(1, bytes);
	if (!*addr) {
		*why = "native memory exhausted";
		return -ENOMEM;
	}
	*pool_offset = -1;
	return 0;
}

static int user_free(struct bridge *b, void *addr, u64 bytes, s64 pool_offset, const char **why)
{
	(void)b;
	(void)bytes;
	(void)pool_offset;
	(void)why;
	free(addr);
	return 0;
}

static int user_info(struct bridge *b, struct cogos_tensor_info *info)
{
	memset(info, 0, sizeof(*info));
	info->abi_version = COGOS_TENSOR_ABI_VERSION;
	info->simd = b->simd;
	info->cpu_features = b->cpu_features;
	info->workers = 1;
	return 0;
}

static int user_close(struct bridge *b)
{
	bridge_scratch_destroy(&b->scratch);
	free(b);
	return 0;
}

static const struct bridge_ops user_ops = {
	.name = "userspace",
	.run = user_run,
	.mlp = user_mlp,
	.compute = user_compute,
	.alloc = user_alloc,
	.free = user_free,
	.info = user_info,
	.close = user_close,
};

/* __builtin_cpu_supports checks the OS state too (XCR0), as the kernel's cpu_feature_enabled does. */
static u32 cpu_features(void)
{
	u32 f = 0;

	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2"))
		f |= COGOS_CPU_AVX2;
	if (__builtin_cpu_supports("fma"))
		f |= COGOS_CPU_FMA;
	if (__builtin_cpu_supports("avx512f"))
		f |= COGOS_CPU_AVX512F;
	return f;
}

struct bridge *bridge_user_open(int max_simd, int *err, char *msg, size_t len)
{
	struct bridge *b = calloc(1, sizeof(*b));

	if (!b) {
		*err = ENOMEM;
		snprintf(msg, len, "no memory for the user-space tensor engine");
		return NULL;
	}
	b->ops = &user_ops;
	bridge_scratch_init(&b->scratch);
	b->cpu_features = cpu_features();
	b->simd = cogos_simd_for(b->cpu_features, max_simd);
	b->fd = -1;
	b->compute_fd = -1;
	b->page_size = sysconf(_SC_PAGESIZE);
	return b;
}
