/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * cogos_tensor: tensor operations for cogos modules, as a misc device (/dev/cogos_tensor).
 *
 * This header is the whole ABI; native-bridge includes it verbatim.
 *
 * Memory. Every operand is a descriptor naming where its bytes are:
 *   COGOS_MEM_POOL    addr is an offset returned by COGOS_TENSOR_IOC_ALLOC. The caller mmaps the same offset of
 *                     the device and reads and writes the tensor in place: zero copy.
 *   COGOS_MEM_COPY    addr is a user pointer; inputs are copied in (copy_from_user) to scratch blocks of the pool
 *                     and outputs copied back (copy_to_user).
 *   COGOS_MEM_PINNED  addr is a user pointer; its pages are pinned for the call and used in place.
 * Tensors are row-major, rows x cols elements of 4 bytes (dtype), addr 4-byte aligned. A descriptor an op does
 * not use must be all zero.
 *
 * Errors (negated in the kernel, errno in user space):
 *   EINVAL     unknown opcode/dtype/mem/flags, non-zero reserved field, zero or too large dimension, shapes that
 *              do not fit the op (e.g. inner dimensions of a matrix multiply differ), misaligned address, an
 *              offset outside the caller's own allocations
 *   EOVERFLOW  size arithmetic overflows
 *   EFAULT     a user pointer cannot be read or written
 *   ENOMEM     the pool has no free run of blocks large enough (for ALLOC or for COPY scratch)
 *   EBUSY      FREE of an allocation that is still mapped
 *   EINTR      a signal arrived while waiting for a queue slot or for the workers
 */
#ifndef _UAPI_COGOS_TENSOR_H
#define _UAPI_COGOS_TENSOR_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/ioctl.h>
#else
#include <linux/types.h>
#include <sys/ioctl.h>
#endif

#define COGOS_TENSOR_DEVICE		"cogos_tensor"
#define COGOS_TENSOR_ABI_VERSION	1

#define COGOS_TENSOR_MAX_DIM		65536	/* rows or cols of any operand */
#define COGOS_TENSOR_MAX_LAYERS		8	/* layers of one COGOS_TENSOR_IOC_MLP call */
#define COGOS_TENSOR_MAX_BATCH		64	/* ops of one COGOS_TENSOR_IOC_BATCH call */
#define COGOS_TENSOR_PRIO_MAX		3	/* priorities 0 (background) .. 3 (most urgent) */

enum cogos_tensor_dtype {
	COGOS_DT_F32	= 0,	/* IEEE 754 binary32 */
	COGOS_DT_I32	= 1,	/* two's complement; SUM and MATRIX_MULT wrap modulo 2^32 */
};

enum cogos_tensor_mem {
	COGOS_MEM_POOL		= 0,
	COGOS_MEM_COPY		= 1,
	COGOS_MEM_PINNED	= 2,
};

enum cogos_tensor_opcode {
	COGOS_OP_SUM		= 0,	/* out = a + b, element-wise; F32 or I32; a, b, out of one shape */
	COGOS_OP_MATRIX_MULT	= 1,	/* out(m x n) = a(m x k) b(k x n); F32 or I32; a.cols must equal b.rows */
	COGOS_OP_DENSE		= 2,	/* out = a b + bias (1 x n), ReLU after it with COGOS_OPF_RELU; F32 */
	COGOS_OP_RELU		= 3,	/* out = max(a, 0); F32; out shape = a shape */
	COGOS_OP_SOFTMAX	= 4,	/* softmax of each row of a; F32; out shape = a shape */
	COGOS_OP_ARGMAX		= 5,	/* out (I32, m x 1) = index of the first maximum of each row of a (F32) */
};

#define COGOS_OPF_RELU		(1u << 0)	/* DENSE only */

enum cogos_tensor_activation {
	COGOS_ACT_NONE	= 0,
	COGOS_ACT_RELU	= 1,
};

enum cogos_simd_level {
	COGOS_SIMD_SCALAR	= 0,
	COGOS_SIMD_AVX2		= 1,	/* AVX2 + FMA */
	COGOS_SIMD_AVX512	= 2,	/* AVX-512F */
};

/* cpu_features bits of struct cogos_tensor_info */
#define COGOS_CPU_AVX2		(1u << 0)
#define COGOS_CPU_FMA		(1u << 1)
#define COGOS_CPU_AVX512F	(1u << 2)

struct cogos_tensor_desc {
	__u64 addr;		/* pool offset or user pointer, per mem */
	__u32 rows;
	__u32 cols;
	__u32 mem;		/* enum cogos_tensor_mem */
	__u32 reserved;		/* must be 0 */
};

struct cogos_tensor_op {
	__u32 opcode;		/* enum cogos_tensor_opcode */
	__u32 dtype;		/* enum cogos_tensor_dtype of a, b and out (ARGMAX: of a; out is I32) */
	__u32 flags;		/* COGOS_OPF_* */
	__u32 priority;		/* 0 .. COGOS_TENSOR_PRIO_MAX */
	struct cogos_tensor_desc a;
	struct cogos_tensor_desc b;	/* SUM, MATRIX_MULT, DENSE */
	struct cogos_tensor_desc bias;	/* DENSE */
	struct cogos_tensor_desc out;
};

/*
 * Ops of one batch are independent: they may run concurrently and in any order (higher priority first).
 * All are validated before any runs; on error, completed tells how many finished successfully.
 */
struct cogos_tensor_batch {
	__u64 ops;		/* user pointer to struct cogos_tensor_op[count] */
	__u32 count;		/* 1 .. COGOS_TENSOR_MAX_BATCH */
	__u32 completed;	/* out */
};

struct cogos_tensor_layer {
	struct cogos_tensor_desc weights;	/* inputs x outputs, F32 */
	struct cogos_tensor_desc bias;		/* 1 x outputs, F32 */
	__u32 activation;			/* enum cogos_tensor_activation */
	__u32 reserved;				/* must be 0 */
};

#define COGOS_MLPF_SOFTMAX	(1u << 0)	/* softmax over the last layer's outputs */
#define COGOS_MLPF_ARGMAX	(1u << 1)	/* write each row's class to classes (I32, batch x 1) */

/* A whole forward pass in one call: input (batch x inputs) through nlayers dense layers to output. */
struct cogos_tensor_mlp {
	__u32 nlayers;		/* 1 .. COGOS_TENSOR_MAX_LAYERS; layer i's outputs = layer i+1's inputs */
	__u32 flags;		/* COGOS_MLPF_* */
	__u32 priority;
	__u32 reserved;		/* must be 0 */
	struct cogos_tensor_desc input;
	struct cogos_tensor_desc output;	/* batch x outputs of the last layer, F32 */
	struct cogos_tensor_desc classes;	/* with COGOS_MLPF_ARGMAX, else all zero */
	struct cogos_tensor_layer layers[COGOS_TENSOR_MAX_LAYERS];	/* unused entries all zero */
};

struct cogos_tensor_alloc {
	__u64 bytes;		/* in: rounded up to whole blocks */
	__u64 offset;		/* out: device offset (page aligned) to mmap and to use as addr with COGOS_MEM_POOL */
};

struct cogos_tensor_info {
	__u32 abi_version;	/* COGOS_TENSOR_ABI_VERSION */
	__u32 simd;		/* enum cogos_simd_level chosen at load time */
	__u32 cpu_features;	/* COGOS_CPU_* */
	__u32 workers;		/* kthreads in the worker pool */
	__u32 queue_depth;	/* bound of the job queue */
	__u32 queued;		/* jobs waiting now */
	__u32 pool_blocks;
	__u32 blocks_used;
	__u64 block_bytes;
	__u64 calls;		/* ops completed since load */
	__u64 errors;		/* calls refused or failed since load */
};

/* ioctl type 0xC1: free in ioctl-number.rst, like cogos_compute.h's 0xC2 (see there) */
#define COGOS_TENSOR_IOC_MAGIC	0xC1
#define COGOS_TENSOR_IOC_INFO	_IOR(COGOS_TENSOR_IOC_MAGIC, 0x00, struct cogos_tensor_info)
#define COGOS_TENSOR_IOC_ALLOC	_IOWR(COGOS_TENSOR_IOC_MAGIC, 0x01, struct cogos_tensor_alloc)
#define COGOS_TENSOR_IOC_FREE	_IOW(COGOS_TENSOR_IOC_MAGIC, 0x02, __u64)
#define COGOS_TENSOR_IOC_RUN	_IOWR(COGOS_TENSOR_IOC_MAGIC, 0x03, struct cogos_tensor_op)
#define COGOS_TENSOR_IOC_BATCH	_IOWR(COGOS_TENSOR_IOC_MAGIC, 0x04, struct cogos_tensor_batch)
#define COGOS_TENSOR_IOC_MLP	_IOWR(COGOS_TENSOR_IOC_MAGIC, 0x05, struct cogos_tensor_mlp)

#endif /* _UAPI_COGOS_TENSOR_H */
