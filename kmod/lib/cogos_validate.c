// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The integer-only part of cogos's numeric source: cogos_compute, the validators of the tensor ABI
 * and cogos_simd_for. Kbuild compiles this file with the kernel's own flags (no FPU, no SIMD), so
 * everything here may run anywhere in the kernel, outside kernel_fpu_begin()/kernel_fpu_end(), and
 * cogos_compute.ko links this object alone; the float kernels are cogos_kernels.c. `make
 * check-host` fails if the object the modules link uses an SSE/AVX register. The same rules as
 * cogos_kernels.c (see cogos_kernels.h): no libc, no kernel API; native-bridge and the tests
 * compile it in user space too.
 */
#include "cogos_kernels.h"

#define COGOS_S64_MIN	((s64)(-0x7fffffffffffffffLL - 1))

/*
 * Integer compute (cogos_compute)
 */

int cogos_compute(u32 op, s64 a, s64 b, s64 *result)
{
	s64 r;

	switch (op) {
	case COGOS_OP_ADD:
		if (__builtin_add_overflow(a, b, &r))
			return -EOVERFLOW;
		break;
	case COGOS_OP_SUBTRACT:
		if (__builtin_sub_overflow(a, b, &r))
			return -EOVERFLOW;
		break;
	case COGOS_OP_MULTIPLY:
		if (__builtin_mul_overflow(a, b, &r))
			return -EOVERFLOW;
		break;
	case COGOS_OP_DIVIDE:
		if (b == 0)
			return -EINVAL;
		if (a == COGOS_S64_MIN && b == -1)
			return -EOVERFLOW;
		r = a / b;	/* truncates toward zero */
		break;
	default:
		return -EINVAL;
	}
	*result = r;
	return 0;
}

/*
 * Validation
 */

enum cg_desc_rule {
	CG_RESERVED,
	CG_ZERO_DIM,
	CG_BIG_DIM,
	CG_BAD_MEM,
	CG_MISALIGNED,
	CG_END_OVERFLOW,
	CG_NOT_ZERO,
	CG_NRULES,
};

#define CG_DESC_REASONS(name) {						\
	name ": reserved field is not zero",							\
	name ": rows or cols is zero",								\
	name ": rows or cols exceeds COGOS_TENSOR_MAX_DIM",					\
	name ": unknown mem kind",								\
	name ": address is not 4-byte aligned",							\
	name ": address + size overflows 64 bits",						\
	name ": descriptor not used by this op must be all zero",				\
}

enum cg_desc_name {
	CG_A, CG_B, CG_BIAS, CG_OUT,
	CG_MLP_INPUT, CG_MLP_OUTPUT, CG_MLP_CLASSES,
	CG_LAYER_W0,	/* then weights and bias of each layer, interleaved */
	CG_NDESCS = CG_LAYER_W0 + 2 * COGOS_TENSOR_MAX_LAYERS,
};

#define CG_LAYER_REASONS(i)									\
	CG_DESC_REASONS("layer " #i " weights"),						\
	CG_DESC_REASONS("layer " #i " bias")

static const char * const cg_desc_reasons[CG_NDESCS][CG_NRULES] = {
	CG_DESC_REASONS("a"),
	CG_DESC_REASONS("b"),
	CG_DESC_REASONS("bias"),
	CG_DESC_REASONS("out"),
	CG_DESC_REASONS("input"),
	CG_DESC_REASONS("output"),
	CG_DESC_REASONS("classes"),
	CG_LAYER_REASONS(0), CG_LAYER_REASONS(1), CG_LAYER_REASONS(2), CG_LAYER_REASONS(3),
	CG_LAYER_REASONS(4), CG_LAYER_REASONS(5), CG_LAYER_REASONS(6), CG_LAYER_REASONS(7),
};

#if COGOS_TENSOR_MAX_LAYERS != 8
#error "cg_desc_reasons lists 8 layers"
#endif

static const char * const cg_layer_reasons[COGOS_TENSOR_MAX_LAYERS][4] = {
#define CG_LAYER_SHAPES(i) {									\
	"layer " #i ": weights.rows differs from its input's cols",				\
	"layer " #i ": bias must be 1 x weights.cols",						\
	"layer " #i ": unknown activation or non-zero reserved field",				\
	"layer " #i ": unused layer entry must be all zero",					\
}
	CG_LAYER_SHAPES(0), CG_LAYER_SHAPES(1), CG_LAYER_SHAPES(2), CG_LAYER_SHAPES(3),
	CG_LAYER_SHAPES(4), CG_LAYER_SHAPES(5), CG_LAYER_SHAPES(6), CG_LAYER_SHAPES(7),
#undef CG_LAYER_SHAPES
};

int cogos_desc_bytes(const struct cogos_tensor_desc *d, u64 *bytes)
{
	u64 n;

	if (__builtin_mul_overflow((u64)d->rows, (u64)d->cols, &n) ||
	    __builtin_mul_overflow(n, (u64)4, &n))
		return -EOVERFLOW;
	*bytes = n;
	return 0;
}

static int cg_desc_is_zero(const struct cogos_tensor_desc *d)
{
	return d->addr == 0 && d->rows == 0 && d->cols == 0 && d->mem == 0 && d->reserved == 0;
}

static int cg_check_desc(const struct cogos_tensor_desc *d, int name, const char **why)
{
	u64 bytes, end;
	int rule;
	int err = -EINVAL;

	if (d->reserved)
		rule = CG_RESERVED;
	else if (!d->rows || !d->cols)
		rule = CG_ZERO_DIM;
	else if (d->rows > COGOS_TENSOR_MAX_DIM || d->cols > COGOS_TENSOR_MAX_DIM)
		rule = CG_BIG_DIM;
	else if (d->mem > COGOS_MEM_PINNED)
		rule = CG_BAD_MEM;
	else if (d->addr & 3)
		rule = CG_MISALIGNED;
	else if (cogos_desc_bytes(d, &bytes) || __builtin_add_overflow((u64)d->addr, bytes, &end)) {
		rule = CG_END_OVERFLOW;
		err = -EOVERFLOW;
	} else {
		return 0;
	}
	*why = cg_desc_reasons[name][rule];
	return err;
}

static int cg_check_unused(const struct cogos_tensor_desc *d, int name, const char **why)
{
	if (cg_desc_is_zero(d))
		return 0;
	*why = cg_desc_reasons[name][CG_NOT_ZERO];
	return -EINVAL;
}

static int cg_same_shape(const struct cogos_tensor_desc *x,
				  const struct cogos_tensor_desc *y)
{
	return x->rows == y->rows && x->cols == y->cols;
}

/* Does the byte range of x overlap that of y? Only meaningful when both name the same memory. */
static int cg_overlap(const struct cogos_tensor_desc *x, const struct cogos_tensor_desc *y)
{
	/* both checked by cg_check_desc: dimensions <= COGOS_TENSOR_MAX_DIM, no overflow */
	u64 xb = (u64)x->rows * x->cols * 4, yb = (u64)y->rows * y->cols * 4;

	if (x->mem != y->mem || x->mem == COGOS_MEM_COPY)
		return 0;
	return x->addr < y->addr + yb && y->addr < x->addr + xb;
}

int cogos_validate_op(const struct cogos_tensor_op *op, const char **why)
{
	int use_b = 0, use_bias = 0, takes_i32 = 0, err;

	switch (op->opcode) {
	case COGOS_OP_SUM:
	case COGOS_OP_MATRIX_MULT:
		use_b = 1;
		takes_i32 = 1;
		break;
	case COGOS_OP_DENSE:
		use_b = 1;
		use_bias = 1;
		break;
	case COGOS_OP_RELU:
	case COGOS_OP_SOFTMAX:
	case COGOS_OP_ARGMAX:
		break;
	default:
		*why = "unknown opcode";
		return -EINVAL;
	}
	if (op->dtype != COGOS_DT_F32 && !(takes_i32 && op->dtype == COGOS_DT_I32)) {
		*why = takes_i32 ? "unknown dtype (SUM and MATRIX_MULT take F32 or I32)" :
				   "this opcode takes dtype F32 only";
		return -EINVAL;
	}
	if (op->flags & ~COGOS_OPF_RELU) {
		*why = "unknown flags";
		return -EINVAL;
	}
	if ((op->flags & COGOS_OPF_RELU) && op->opcode != COGOS_OP_DENSE) {
		*why = "COGOS_OPF_RELU is for DENSE only";
		return -EINVAL;
	}
	if (op->priority > COGOS_TENSOR_PRIO_MAX) {
		*why = "priority exceeds COGOS_TENSOR_PRIO_MAX";
		return -EINVAL;
	}

	err = cg_check_desc(&op->a, CG_A, why);
	if (!err)
		err = use_b ? cg_check_desc(&op->b, CG_B, why) : cg_check_unused(&op->b, CG_B, why);
	if (!err)
		err = use_bias ? cg_check_desc(&op->bias, CG_BIAS, why) :
				 cg_check_unused(&op->bias, CG_BIAS, why);
	if (!err)
		err = cg_check_desc(&op->out, CG_OUT, why);
	if (err)
		return err;

	switch (op->opcode) {
	case COGOS_OP_SUM:
		if (!cg_same_shape(&op->a, &op->b) || !cg_same_shape(&op->a, &op->out)) {
			*why = "SUM: a, b and out must have one shape";
			return -EINVAL;
		}
		break;
	case COGOS_OP_MATRIX_MULT:
	case COGOS_OP_DENSE:
		if (op->a.cols != op->b.rows) {
			*why = "inner dimensions differ: a.cols != b.rows";
			return -EINVAL;
		}
		if (op->out.rows != op->a.rows || op->out.cols != op->b.cols) {
			*why = "out must be a.rows x b.cols";
			return -EINVAL;
		}
		if (use_bias && (op->bias.rows != 1 || op->bias.cols != op->b.cols)) {
			*why = "DENSE: bias must be 1 x b.cols";
			return -EINVAL;
		}
		if (cg_overlap(&op->out, &op->a) || cg_overlap(&op->out, &op->b) ||
		    (use_bias && cg_overlap(&op->out, &op->bias))) {
			*why = "out overlaps an input of a matrix multiply";
			return -EINVAL;
		}
		break;
	case COGOS_OP_RELU:
	case COGOS_OP_SOFTMAX:
		if (!cg_same_shape(&op->a, &op->out)) {
			*why = "out must have the shape of a";
			return -EINVAL;
		}
		break;
	case COGOS_OP_ARGMAX:
		if (op->out.rows != op->a.rows || op->out.cols != 1) {
			*why = "ARGMAX: out must be a.rows x 1";
			return -EINVAL;
		}
		break;
	}
	return 0;
}

static int cg_layer_is_zero(const struct cogos_tensor_layer *l)
{
	return cg_desc_is_zero(&l->weights) && cg_desc_is_zero(&l->bias) &&
	       l->activation == 0 && l->reserved == 0;
}

int cogos_validate_mlp(const struct cogos_tensor_mlp *mlp, const char **why)
{
	u32 i, width;
	int err;

	if (mlp->nlayers < 1 || mlp->nlayers > COGOS_TENSOR_MAX_LAYERS) {
		*why = "nlayers must be 1 .. COGOS_TENSOR_MAX_LAYERS";
		return -EINVAL;
	}
	if (mlp->flags & ~(COGOS_MLPF_SOFTMAX | COGOS_MLPF_ARGMAX)) {
		*why = "unknown flags";
		return -EINVAL;
	}
	if (mlp->priority > COGOS_TENSOR_PRIO_MAX) {
		*why = "priority exceeds COGOS_TENSOR_PRIO_MAX";
		return -EINVAL;
	}
	if (mlp->reserved) {
		*why = "reserved field is not zero";
		return -EINVAL;
	}
	err = cg_check_desc(&mlp->input, CG_MLP_INPUT, why);
	if (err)
		return err;
	width = mlp->input.cols;
	for (i = 0; i < COGOS_TENSOR_MAX_LAYERS; i++) {
		const struct cogos_tensor_layer *l = &mlp->layers[i];

		if (i >= mlp->nlayers) {
			if (!cg_layer_is_zero(l)) {
				*why = cg_layer_reasons[i][3];
				return -EINVAL;
			}
			continue;
		}
		err = cg_check_desc(&l->weights, CG_LAYER_W0 + 2 * i, why);
		if (!err)
			err = cg_check_desc(&l->bias, CG_LAYER_W0 + 2 * i + 1, why);
		if (err)
			return err;
		if (l->weights.rows != width) {
			*why = cg_layer_reasons[i][0];
			return -EINVAL;
		}
		if (l->bias.rows != 1 || l->bias.cols != l->weights.cols) {
			*why = cg_layer_reasons[i][1];
			return -EINVAL;
		}
		if (l->activation > COGOS_ACT_RELU || l->reserved) {
			*why = cg_layer_reasons[i][2];
			return -EINVAL;
		}
		width = l->weights.cols;
	}
	err = cg_check_desc(&mlp->output, CG_MLP_OUTPUT, why);
	if (err)
		return err;
	if (mlp->output.rows != mlp->input.rows || mlp->output.cols != width) {
		*why = "output must be input.rows x the last layer's outputs";
		return -EINVAL;
	}
	if (mlp->flags & COGOS_MLPF_ARGMAX) {
		err = cg_check_desc(&mlp->classes, CG_MLP_CLASSES, why);
		if (err)
			return err;
		if (mlp->classes.rows != mlp->input.rows || mlp->classes.cols != 1) {
			*why = "classes must be input.rows x 1";
			return -EINVAL;
		}
	} else {
		err = cg_check_unused(&mlp->classes, CG_MLP_CLASSES, why);
		if (err)
			return err;
	}
	return 0;
}

int cogos_simd_for(u32 cpu_features, int max_level)
{
	const u32 avx2 = COGOS_CPU_AVX2 | COGOS_CPU_FMA;

#ifdef __x86_64__
	/* the AVX-512 path also uses AVX2 and FMA instructions */
	if (max_level >= COGOS_SIMD_AVX512 &&
	    (cpu_features & (avx2 | COGOS_CPU_AVX512F)) == (avx2 | COGOS_CPU_AVX512F))
		return COGOS_SIMD_AVX512;
	if (max_level >= COGOS_SIMD_AVX2 && (cpu_features & avx2) == avx2)
		return COGOS_SIMD_AVX2;
#endif
	return COGOS_SIMD_SCALAR;
}
