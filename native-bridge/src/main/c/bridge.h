/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libcogos_bridge: the JNI side of native-bridge.
 *
 * bridge_jni.c turns Java arguments into the kernel ABI's structures (struct cogos_tensor_op,
 * struct cogos_tensor_mlp) and errors into Java exceptions; the two backends only see those
 * structures and return 0 or -errno with, for EINVAL, a human-readable reason:
 *   backend_user.c    the numeric kernels (kmod/lib/cogos_kernels.c) on the caller's thread;
 *   backend_kernel.c  ioctl and mmap on /dev/cogos_tensor and /dev/cogos_compute.
 * bridge_scratch.c keeps each engine's scratch memory between calls.
 */
#ifndef COGOS_BRIDGE_H
#define COGOS_BRIDGE_H

#include <jni.h>
#include <pthread.h>

#include "cogos_kernels.h"

struct bridge;

struct bridge_ops {
	const char *name;
	/* Runs one op; *why explains -EINVAL (and -EOVERFLOW) when known. */
	int (*run)(struct bridge *b, const struct cogos_tensor_op *op, const char **why);
	int (*mlp)(struct bridge *b, const struct cogos_tensor_mlp *mlp, const char **why);
	/*
	 * Kernel backend only (NULL in user space, where Java runs a batch op by op, each with a turn of its
	 * priority gate): count ops in one call. *completed counts the ops that finished; *failed is the index
	 * of the op *why explains, or -1 when the reason names no op.
	 */
	int (*batch)(struct bridge *b, const struct cogos_tensor_op *ops, u32 count, u32 *completed,
		     int *failed, const char **why);
	int (*compute)(struct bridge *b, u32 op, s64 x, s64 y, s64 *result, const char **why);
	/* Zeroed engine memory at *addr; *pool_offset is the device offset or -1. */
	int (*alloc)(struct bridge *b, u64 bytes, void **addr, s64 *pool_offset, const char **why);
	int (*free)(struct bridge *b, void *addr, u64 bytes, s64 pool_offset, const char **why);
	int (*info)(struct bridge *b, struct cogos_tensor_info *info);
	/* Frees b whatever happens; 0 or the first -errno of closing the devices. */
	int (*close)(struct bridge *b);
};

struct bridge_scratch;

/* Idle scratch sets of one engine (bridge_scratch.c). */
struct bridge_scratch_pool {
	pthread_mutex_t lock;
	struct bridge_scratch *idle;	/* under lock */
	size_t idle_bytes;		/* under lock */
};

struct bridge {
	const struct bridge_ops *ops;
	struct bridge_scratch_pool scratch;	/* set up by open, freed by close */
	int simd;		/* enum cogos_simd_level used by the user-space kernels */
	u32 cpu_features;	/* COGOS_CPU_* */
	int fd;			/* /dev/cogos_tensor, or -1 */
	int compute_fd;		/* /dev/cogos_compute, or -1 */
	long page_size;
};

/* Operands of the kernel backend name pool memory by offset; the user-space backend uses pointers. */
static inline int bridge_is_kernel(const struct bridge *b)
{
	return b->fd >= 0;
}

/*
 * Opens a backend; on failure returns NULL with *err (errno) and a message in msg. The user-space one
 * runs the best SIMD level up to max_simd (enum cogos_simd_level) that the CPU and OS support.
 */
struct bridge *bridge_user_open(int max_simd, int *err, char *msg, size_t len);
struct bridge *bridge_kernel_open(const char *device, const char *compute_device, int *err,
				  char *msg, size_t len);

/*
 * Scratch memory for one call, 64-byte aligned, contents undefined; NULL when memory runs out.
 * Give it back with bridge_scratch_put before the call returns. Thread-safe; destroy only when
 * no call is in flight.
 */
void bridge_scratch_init(struct bridge_scratch_pool *p);
void *bridge_scratch_get(struct bridge_scratch_pool *p, size_t bytes);
void bridge_scratch_put(struct bridge_scratch_pool *p, void *mem);
void bridge_scratch_destroy(struct bridge_scratch_pool *p);

/* The symbolic name ("EINVAL") and the description of an errno; thread-safe, never NULL. */
const char *bridge_errno_name(int err);
const char *bridge_errno_text(int err);

/*
 * Throws the exception for errno err (positive) with message msg:
 *   EINVAL -> IllegalArgumentException, ENOMEM -> TensorPoolExhaustedException,
 *   EOVERFLOW -> ArithmeticException, others -> TensorEngineException naming the errno.
 */
void bridge_throw_errno(JNIEnv *env, int err, const char *msg);
/* Throws TensorEngineException naming errno err: for failures that are never the caller's argument. */
void bridge_throw_engine(JNIEnv *env, int err, const char *msg);
/*
 * Like bridge_throw_engine, for a kernel backend that did not open: a KernelOpenException carrying
 * err, so that Java tells EACCES (the devices refuse this user; the message then says how to get
 * access) from modules that are not loaded.
 */
void bridge_throw_open(JNIEnv *env, int err, const char *msg);
/* Throws an exception of class name (JNI form, e.g. "java/lang/IllegalArgumentException"). */
void bridge_throw(JNIEnv *env, const char *class_name, const char *msg);
/*
 * A cleanup after an exception failed too: attaches a TensorEngineException for err to the pending
 * exception as suppressed, so neither is lost.
 */
void bridge_suppress_errno(JNIEnv *env, int err, const char *msg);

#define BRIDGE_IAE	"java/lang/IllegalArgumentException"
#define BRIDGE_TEE	"org/cogos/api/tensor/TensorEngineException"
#define BRIDGE_TPEE	"org/cogos/api/tensor/TensorPoolExhaustedException"
#define BRIDGE_ARITH	"java/lang/ArithmeticException"
#define BRIDGE_KOE	"org/cogos/nativebridge/internal/KernelOpenException"

#endif /* COGOS_BRIDGE_H */
