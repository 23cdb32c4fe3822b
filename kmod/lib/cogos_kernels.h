/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The numeric kernels of cogos: ONE source, compiled into the kernel modules and into native-bridge's user-space
 * library, so both backends compute the same way. It is two files, for the kernel's sake:
 *   cogos_validate.c  integer only (cogos_compute, the validators, cogos_simd_for), built with the kernel's
 *                     normal flags: callable anywhere; cogos_compute.ko links this alone;
 *   cogos_kernels.c   the float and SIMD kernels, built with SSE: in the kernel, call them only between
 *                     kernel_fpu_begin() and kernel_fpu_end(); cogos_tensor.ko links both.
 *
 * Rules for both: no libc and no kernel API (only this header); no allocation, locking or sleeping; callers of
 * the kernels have validated every shape and pointer (cogos_validate_op). Row ranges let a caller split one op
 * across workers; results do not depend on the split (each output element is computed by one fixed sequence of
 * operations for a given simd level).
 */
#ifndef _COGOS_KERNELS_H
#define _COGOS_KERNELS_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#else
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
typedef uint32_t u32;
typedef int32_t s32;
typedef uint64_t u64;
typedef int64_t s64;
#endif

#include "../include/uapi/cogos_compute.h"
#include "../include/uapi/cogos_tensor.h"

/* cogos_validate.c */

/* Integer compute (cogos_compute): 0, -EINVAL (unknown op, division by zero) or -EOVERFLOW. */
int cogos_compute(u32 op, s64 a, s64 b, s64 *result);

/*
 * Checks an op's opcode, dtype, flags, priority, reserved fields and shapes (not addresses: the caller checks
 * those against its memory). Returns 0, -EINVAL or -EOVERFLOW and points *why at a static, human-readable
 * reason naming the rule, e.g. "inner dimensions differ: a.cols != b.rows" (callers add the shapes).
 */
int cogos_validate_op(const struct cogos_tensor_op *op, const char **why);
/* The same for a forward pass; *why names the offending layer. */
int cogos_validate_mlp(const struct cogos_tensor_mlp *mlp, const char **why);
/* rows * cols * 4 into *bytes; -EOVERFLOW if it does not fit in u64 (never on 64-bit for valid dims). */
int cogos_desc_bytes(const struct cogos_tensor_desc *d, u64 *bytes);

/* Highest level usable for the CPU features COGOS_CPU_* given, capped at max_level. */
int cogos_simd_for(u32 cpu_features, int max_level);

/* cogos_kernels.c (in the kernel: between kernel_fpu_begin() and kernel_fpu_end()) */

/* Element-wise, count elements. */
void cogos_sum_f32(int simd, const float *a, const float *b, float *out, u64 count);
void cogos_sum_i32(const s32 *a, const s32 *b, s32 *out, u64 count);
void cogos_relu_f32(int simd, const float *a, float *out, u64 count);

/* Rows [row_begin, row_end) of out(m x n) = a(m x k) b(k x n), blocked for cache. */
void cogos_matmul_f32(int simd, const float *a, const float *b, float *out,
		      u32 row_begin, u32 row_end, u32 k, u32 n);
void cogos_matmul_i32(const s32 *a, const s32 *b, s32 *out,
		      u32 row_begin, u32 row_end, u32 k, u32 n);
/* The same plus bias (n), then ReLU when relu != 0. */
void cogos_dense_f32(int simd, const float *a, const float *b, const float *bias, float *out,
		     u32 row_begin, u32 row_end, u32 k, u32 n, int relu);

/* Row-wise, rows [row_begin, row_end) of an m x n matrix. */
void cogos_softmax_f32(const float *a, float *out, u32 row_begin, u32 row_end, u32 n);
void cogos_argmax_f32(const float *a, s32 *out, u32 row_begin, u32 row_end, u32 n);

/* exp(x) without libm: same bits in kernel and user space; relative error documented in cogos_kernels.c. */
float cogos_expf(float x);

#endif /* _COGOS_KERNELS_H */
