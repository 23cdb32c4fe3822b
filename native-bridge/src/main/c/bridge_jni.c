// SPDX-License-Identifier: Apache-2.0
/*
 * JNI entry points of org.cogos.nativebridge.internal.Bridge: Java arguments become the kernel ABI's
 * descriptors, backend errors become Java exceptions.
 *
 * Memory kinds. A direct buffer is described by its own address and capacity, read here on every call,
 * so a size or alignment check can never use a stale value: on the kernel backend a pool tensor (pool
 * offset >= 0) is COGOS_MEM_POOL, any other buffer COGOS_MEM_PINNED; the user-space backend uses every
 * buffer in place. The float[]/int[] methods are COGOS_MEM_COPY: the arrays are copied with
 * Get/Set<Type>ArrayRegion into the engine's scratch memory around the call, not pinned with
 * GetPrimitiveArrayCritical, because a call can run long (a large matmul, a wait for the kernel's
 * workers or queue slot) and a critical region that long would stall every thread's garbage collection
 * and may not block; the extra copy is O(n) beside an op that is at least O(n).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bridge.h"
#include "org_cogos_nativebridge_internal_Bridge.h"

#define J(name)	Java_org_cogos_nativebridge_internal_Bridge_##name
#define K(name)	org_cogos_nativebridge_internal_Bridge_##name

/* The Java constants mirror the ABI (and one errno); a drift fails the build. */
_Static_assert(K(OP_SUM) == COGOS_OP_SUM, "OP_SUM");
_Static_assert(K(OP_MATRIX_MULT) == COGOS_OP_MATRIX_MULT, "OP_MATRIX_MULT");
_Static_assert(K(OP_DENSE) == COGOS_OP_DENSE, "OP_DENSE");
_Static_assert(K(OP_RELU) == COGOS_OP_RELU, "OP_RELU");
_Static_assert(K(OP_SOFTMAX) == COGOS_OP_SOFTMAX, "OP_SOFTMAX");
_Static_assert(K(OP_ARGMAX) == COGOS_OP_ARGMAX, "OP_ARGMAX");
_Static_assert(K(DT_F32) == COGOS_DT_F32, "DT_F32");
_Static_assert(K(DT_I32) == COGOS_DT_I32, "DT_I32");
_Static_assert(K(OPF_RELU) == COGOS_OPF_RELU, "OPF_RELU");
_Static_assert(K(ACT_NONE) == COGOS_ACT_NONE, "ACT_NONE");
_Static_assert(K(ACT_RELU) == COGOS_ACT_RELU, "ACT_RELU");
_Static_assert(K(MLPF_SOFTMAX) == COGOS_MLPF_SOFTMAX, "MLPF_SOFTMAX");
_Static_assert(K(MLPF_ARGMAX) == COGOS_MLPF_ARGMAX, "MLPF_ARGMAX");
_Static_assert(K(COMPUTE_ADD) == COGOS_OP_ADD, "COMPUTE_ADD");
_Static_assert(K(COMPUTE_SUBTRACT) == COGOS_OP_SUBTRACT, "COMPUTE_SUBTRACT");
_Static_assert(K(COMPUTE_MULTIPLY) == COGOS_OP_MULTIPLY, "COMPUTE_MULTIPLY");
_Static_assert(K(COMPUTE_DIVIDE) == COGOS_OP_DIVIDE, "COMPUTE_DIVIDE");
_Static_assert(K(MAX_DIM) == COGOS_TENSOR_MAX_DIM, "MAX_DIM");
_Static_assert(K(MAX_LAYERS) == COGOS_TENSOR_MAX_LAYERS, "MAX_LAYERS");
_Static_assert(K(MAX_BATCH) == COGOS_TENSOR_MAX_BATCH, "MAX_BATCH");
/* SAFETY the module's most urgent, BACKGROUND its least, INTERACTIVE between */
_Static_assert(K(PRIO_SAFETY) == COGOS_TENSOR_PRIO_MAX, "PRIO_SAFETY");
_Static_assert(K(PRIO_BACKGROUND) == 0, "PRIO_BACKGROUND");
_Static_assert(K(PRIO_BACKGROUND) < K(PRIO_INTERACTIVE) && K(PRIO_INTERACTIVE) < K(PRIO_SAFETY),
	       "PRIO_INTERACTIVE");
_Static_assert(K(BATCH_OPERANDS) == 4 && K(BATCH_DIMS) == 2 * K(BATCH_OPERANDS), "BATCH layout");
_Static_assert(K(SIMD_SCALAR) == COGOS_SIMD_SCALAR, "SIMD_SCALAR");
_Static_assert(K(SIMD_AVX2) == COGOS_SIMD_AVX2, "SIMD_AVX2");
_Static_assert(K(SIMD_AVX512) == COGOS_SIMD_AVX512, "SIMD_AVX512");
_Static_assert(K(CPU_AVX2) == COGOS_CPU_AVX2, "CPU_AVX2");
_Static_assert(K(CPU_FMA) == COGOS_CPU_FMA, "CPU_FMA");
_Static_assert(K(CPU_AVX512F) == COGOS_CPU_AVX512F, "CPU_AVX512F");
_Static_assert(K(EACCES) == EACCES, "EACCES");

#define MSG_LEN	1024

static struct bridge *bridge_of(jlong ctx)
{
	return (struct bridge *)(uintptr_t)ctx;
}

static const char *op_name(u32 opcode)
{
	static const char * const names[] = {
		[COGOS_OP_SUM] = "sum",
		[COGOS_OP_MATRIX_MULT] = "matmul",
		[COGOS_OP_DENSE] = "dense",
		[COGOS_OP_RELU] = "relu",
		[COGOS_OP_SOFTMAX] = "softmax",
		[COGOS_OP_ARGMAX] = "argmax",
	};

	return opcode < sizeof(names) / sizeof(names[0]) ? names[opcode] : "unknown op";
}

/* snprintf at *pos, never past len; *pos stops at len - 1 when the text is cut. */
static void append(char *buf, size_t len, size_t *pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void append(char *buf, size_t len, size_t *pos, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*pos >= len - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *pos, len - *pos, fmt, ap);
	va_end(ap);
	if (n > 0)
		*pos = *pos + (size_t)n < len - 1 ? *pos + (size_t)n : len - 1;
}

static void append_desc(char *buf, size_t len, size_t *pos, const char *sep, const char *name,
			const struct cogos_tensor_desc *d)
{
	append(buf, len, pos, "%s%s %ux%u", sep, name, d->rows, d->cols);
}

static int is_used(const struct cogos_tensor_desc *d)
{
	return d->rows || d->cols || d->addr;
}

/*
 * "matmul: inner dimensions differ: a.cols != b.rows (a 3x4, b 5x2, out 3x2)", after where (e.g. "batch op 2: ")
 */
static void throw_op(JNIEnv *env, int err, const char *why, const char *where,
		     const struct cogos_tensor_op *op)
{
	char msg[MSG_LEN];
	size_t pos = 0;

	append(msg, sizeof(msg), &pos, "%s%s%s%s (", where, op_name(op->opcode), why ? ": " : " failed",
	       why ? why : "");
	append_desc(msg, sizeof(msg), &pos, "", "a", &op->a);
	if (is_used(&op->b))
		append_desc(msg, sizeof(msg), &pos, ", ", "b", &op->b);
	if (is_used(&op->bias))
		append_desc(msg, sizeof(msg), &pos, ", ", "bias", &op->bias);
	append_desc(msg, sizeof(msg), &pos, ", ", "out", &op->out);
	append(msg, sizeof(msg), &pos, ")");
	bridge_throw_errno(env, -err, msg);
}

static void append_layers(char *msg, size_t len, size_t *pos, const struct cogos_tensor_mlp *mlp)
{
	u32 i;

	append(msg, len, pos, "layers");
	for (i = 0; i < mlp->nlayers && i < COGOS_TENSOR_MAX_LAYERS; i++)
		append(msg, len, pos, " %ux%u%s", mlp->layers[i].weights.rows, mlp->layers[i].weights.cols,
		       mlp->layers[i].activation == COGOS_ACT_RELU ? "+relu" : "");
}

static void throw_mlp(JNIEnv *env, const char *what, int err, const char *why,
		      const struct cogos_tensor_mlp *mlp)
{
	char msg[MSG_LEN];
	size_t pos = 0;

	append(msg, sizeof(msg), &pos, "%s%s%s (", what, why ? ": " : " failed", why ? why : "");
	append_desc(msg, sizeof(msg), &pos, "", "input", &mlp->input);
	append_desc(msg, sizeof(msg), &pos, ", ", "output", &mlp->output);
	if (is_used(&mlp->classes))
		append_desc(msg, sizeof(msg), &pos, ", ", "classes", &mlp->classes);
	append(msg, sizeof(msg), &pos, "; ");
	append_layers(msg, sizeof(msg), &pos, mlp);
	append(msg, sizeof(msg), &pos, ")");
	bridge_throw_errno(env, -err, msg);
}

static int dims_ok(jint rows, jint cols)
{
	return rows >= 1 && cols >= 1 && rows <= COGOS_TENSOR_MAX_DIM && cols <= COGOS_TENSOR_MAX_DIM;
}

/*
 * Describes a Java operand; a null buffer is an unused operand (all zero). Checks what only this side
 * can: that the buffer is direct, aligned, and holds rows x cols elements. Dimensions out of range are
 * left to cogos_validate_op, which names them. Returns -1 with an exception thrown.
 */
static int describe(JNIEnv *env, struct bridge *b, const char *name, jobject buf, jlong pool,
		    jint rows, jint cols, struct cogos_tensor_desc *d)
{
	char msg[MSG_LEN];
	void *addr;
	jlong cap;

	memset(d, 0, sizeof(*d));
	if (!buf)
		return 0;
	addr = (*env)->GetDirectBufferAddress(env, buf);
	cap = (*env)->GetDirectBufferCapacity(env, buf);
	if (!addr || cap < 0) {
		snprintf(msg, sizeof(msg), "%s is not a direct buffer", name);
		bridge_throw(env, BRIDGE_IAE, msg);
		return -1;
	}
	if ((uintptr_t)addr & 3) {
		snprintf(msg, sizeof(msg), "%s: buffer address %p is not 4-byte aligned", name, addr);
		bridge_throw(env, BRIDGE_IAE, msg);
		return -1;
	}
	if (dims_ok(rows, cols) && (u64)rows * (u64)cols * 4 > (u64)cap) {
		snprintf(msg, sizeof(msg), "%s: a %dx%d tensor needs %llu bytes, its buffer has %lld", name,
			 rows, cols, (unsigned long long)rows * (unsigned long long)cols * 4,
			 (long long)cap);
		bridge_throw(env, BRIDGE_IAE, msg);
		return -1;
	}
	d->rows = (u32)rows;
	d->cols = (u32)cols;
	if (bridge_is_kernel(b) && pool >= 0) {
		d->mem = COGOS_MEM_POOL;
		d->addr = (u64)pool;
	} else {
		d->mem = COGOS_MEM_PINNED;
		d->addr = (u64)(uintptr_t)addr;
	}
	return 0;
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved)
{
	(void)vm;
	(void)reserved;
	return JNI_VERSION_10;
}

JNIEXPORT jlong JNICALL J(openUserspace)(JNIEnv *env, jclass cls, jint max_simd)
{
	char msg[MSG_LEN];
	int err = 0;
	struct bridge *b = bridge_user_open(max_simd, &err, msg, sizeof(msg));

	(void)cls;
	if (!b) {
		bridge_throw_errno(env, err, msg);
		return 0;
	}
	return (jlong)(uintptr_t)b;
}

/*
 * Failing to open is never a bad argument of a call: KernelOpenException (a TensorEngineException),
 * whatever the errno.
 */
JNIEXPORT jlong JNICALL J(openKernel)(JNIEnv *env, jclass cls, jstring device, jstring compute_device)
{
	char msg[MSG_LEN];
	const char *dev, *cdev;
	struct bridge *b;
	int err = 0;

	(void)cls;
	dev = (*env)->GetStringUTFChars(env, device, NULL);
	if (!dev)
		return 0;
	cdev = (*env)->GetStringUTFChars(env, compute_device, NULL);
	if (!cdev) {
		(*env)->ReleaseStringUTFChars(env, device, dev);
		return 0;
	}
	b = bridge_kernel_open(dev, cdev, &err, msg, sizeof(msg));
	(*env)->ReleaseStringUTFChars(env, compute_device, cdev);
	(*env)->ReleaseStringUTFChars(env, device, dev);
	if (!b) {
		bridge_throw_open(env, err, msg);
		return 0;
	}
	return (jlong)(uintptr_t)b;
}

JNIEXPORT void JNICALL J(close)(JNIEnv *env, jclass cls, jlong ctx)
{
	struct bridge *b = bridge_of(ctx);
	const char *name = b->ops->name;
	int err = b->ops->close(b);
	char msg[MSG_LEN];

	(void)cls;
	if (err) {
		snprintf(msg, sizeof(msg), "closing the %s tensor engine", name);
		bridge_throw_engine(env, -err, msg);
	}
}

JNIEXPORT jlongArray JNICALL J(info)(JNIEnv *env, jclass cls, jlong ctx)
{
	struct bridge *b = bridge_of(ctx);
	struct cogos_tensor_info info;
	jlong values[K(INFO_LENGTH)];
	jlongArray array;
	int err = b->ops->info(b, &info);

	(void)cls;
	if (err) {
		bridge_throw_errno(env, -err, "COGOS_TENSOR_IOC_INFO failed");
		return NULL;
	}
	values[K(INFO_SIMD)] = info.simd;
	values[K(INFO_CPU_FEATURES)] = info.cpu_features;
	values[K(INFO_WORKERS)] = info.workers;
	values[K(INFO_POOL_BLOCKS)] = info.pool_blocks;
	values[K(INFO_BLOCKS_USED)] = info.blocks_used;
	values[K(INFO_BLOCK_BYTES)] = (jlong)info.block_bytes;
	array = (*env)->NewLongArray(env, K(INFO_LENGTH));
	if (array)
		(*env)->SetLongArrayRegion(env, array, 0, K(INFO_LENGTH), values);
	return array;
}

JNIEXPORT jobject JNICALL J(allocate)(JNIEnv *env, jclass cls, jlong ctx, jlong bytes,
				      jlongArray pool_offset)
{
	struct bridge *b = bridge_of(ctx);
	const char *why = NULL;
	char msg[MSG_LEN];
	jobject buf = NULL;
	void *addr;
	s64 offset;
	jlong joffset;
	int err;

	(void)cls;
	if (bytes <= 0) {
		snprintf(msg, sizeof(msg), "allocate: %lld bytes", (long long)bytes);
		bridge_throw(env, BRIDGE_IAE, msg);
		return NULL;
	}
	err = b->ops->alloc(b, (u64)bytes, &addr, &offset, &why);
	if (err) {
		snprintf(msg, sizeof(msg), "allocate %lld bytes%s%s", (long long)bytes, why ? ": " : "",
			 why ? why : "");
		bridge_throw_errno(env, -err, msg);
		return NULL;
	}
	joffset = offset;
	(*env)->SetLongArrayRegion(env, pool_offset, 0, 1, &joffset);
	if (!(*env)->ExceptionCheck(env))
		buf = (*env)->NewDirectByteBuffer(env, addr, bytes);
	if (!buf) {
		/* the Java side cannot hold it: give it back, keeping the pending exception first */
		why = NULL;
		err = b->ops->free(b, addr, (u64)bytes, offset, &why);
		if (err)
			bridge_suppress_errno(env, -err, why ? why : "freeing an allocation after a failure");
	}
	return buf;
}

JNIEXPORT void JNICALL J(free)(JNIEnv *env, jclass cls, jlong ctx, jobject memory, jlong pool_offset)
{
	struct bridge *b = bridge_of(ctx);
	void *addr = (*env)->GetDirectBufferAddress(env, memory);
	jlong cap = (*env)->GetDirectBufferCapacity(env, memory);
	const char *why = NULL;
	int err;

	(void)cls;
	if (!addr || cap <= 0) {
		bridge_throw(env, BRIDGE_IAE, "free: not engine memory (no direct buffer)");
		return;
	}
	err = b->ops->free(b, addr, (u64)cap, pool_offset, &why);
	if (err)
		bridge_throw_errno(env, -err, why ? why : "free failed");
}

JNIEXPORT void JNICALL J(run)(JNIEnv *env, jclass cls, jlong ctx, jint opcode, jint dtype, jint flags,
			      jint priority, jobject a, jlong a_pool, jint a_rows, jint a_cols,
			      jobject bb, jlong b_pool, jint b_rows, jint b_cols,
			      jobject bias, jlong bias_pool, jint bias_rows, jint bias_cols,
			      jobject out, jlong out_pool, jint out_rows, jint out_cols)
{
	struct bridge *b = bridge_of(ctx);
	struct cogos_tensor_op op = { .opcode = (u32)opcode, .dtype = (u32)dtype, .flags = (u32)flags,
				      .priority = (u32)priority };
	const char *why = NULL;
	int err;

	(void)cls;
	if (describe(env, b, "a", a, a_pool, a_rows, a_cols, &op.a) ||
	    describe(env, b, "b", bb, b_pool, b_rows, b_cols, &op.b) ||
	    describe(env, b, "bias", bias, bias_pool, bias_rows, bias_cols, &op.bias) ||
	    describe(env, b, "out", out, out_pool, out_rows, out_cols, &op.out))
		return;
	err = b->ops->run(b, &op, &why);
	if (err)
		throw_op(env, err, why, "", &op);
}

/* Copies elements [offset, offset + count) of a float[] or int[] to dst, or back from src. */
static void get_region(JNIEnv *env, u32 dtype, jarray array, jint offset, jint count, void *dst)
{
	if (dtype == COGOS_DT_I32)
		(*env)->GetIntArrayRegion(env, (jintArray)array, offset, count, dst);
	else
		(*env)->GetFloatArrayRegion(env, (jfloatArray)array, offset, count, dst);
}

static void set_region(JNIEnv *env, u32 dtype, jarray array, jint offset, jint count, const void *src)
{
	if (dtype == COGOS_DT_I32)
		(*env)->SetIntArrayRegion(env, (jintArray)array, offset, count, src);
	else
		(*env)->SetFloatArrayRegion(env, (jfloatArray)array, offset, count, src);
}

/* Throws unless the array holds the operand's elements from offset. */
static int check_length(JNIEnv *env, const char *name, jarray array, jint offset,
			const struct cogos_tensor_desc *d)
{
	u64 count = (u64)d->rows * d->cols;
	jsize length = (*env)->GetArrayLength(env, array);
	char msg[MSG_LEN];

	if (offset >= 0 && (u64)offset + count <= (u64)length)
		return 0;
	snprintf(msg, sizeof(msg), "%s has %d values, a %ux%u operand from %d needs %llu", name,
		 (int)length, d->rows, d->cols, (int)offset, (unsigned long long)(offset + count));
	bridge_throw(env, BRIDGE_IAE, msg);
	return -1;
}

/* Bytes of an operand's copy in the scratch, rounded to keep the next one cache-line aligned. */
static size_t copy_bytes(const struct cogos_tensor_desc *d)
{
	return ((size_t)d->rows * d->cols * 4 + 63) & ~(size_t)63;
}

static void copy_desc(struct cogos_tensor_desc *d, jint rows, jint cols)
{
	memset(d, 0, sizeof(*d));
	d->rows = (u32)rows;
	d->cols = (u32)cols;
	d->mem = COGOS_MEM_COPY;
}

/*
 * The copies live in the engine's scratch (bridge_scratch.c), kept between calls: a malloc per call
 * costs fresh pages for every megabyte-sized call.
 */
JNIEXPORT void JNICALL J(runCopy)(JNIEnv *env, jclass cls, jlong ctx, jint opcode, jint dtype,
				  jint priority, jobject a, jobject bb, jobject out, jint offset,
				  jint a_rows, jint a_cols, jint b_rows, jint b_cols,
				  jint out_rows, jint out_cols)
{
	struct bridge *b = bridge_of(ctx);
	struct cogos_tensor_op op = { .opcode = (u32)opcode, .dtype = (u32)dtype, .priority = (u32)priority };
	const char *why = NULL;
	char msg[MSG_LEN];
	char *scratch;
	size_t bytes;
	int err;

	(void)cls;
	copy_desc(&op.a, a_rows, a_cols);
	if (bb)
		copy_desc(&op.b, b_rows, b_cols);
	copy_desc(&op.out, out_rows, out_cols);
	/* shapes first: the copies are sized from them */
	err = cogos_validate_op(&op, &why);
	if (err) {
		throw_op(env, err, why, "", &op);
		return;
	}
	/* each operand fits a Java array (< 2^31 elements): no overflow on 64 bits */
	if (check_length(env, "a", a, offset, &op.a) ||
	    (bb && check_length(env, "b", bb, offset, &op.b)) ||
	    check_length(env, "out", out, offset, &op.out))
		return;
	bytes = copy_bytes(&op.a) + (bb ? copy_bytes(&op.b) : 0) + copy_bytes(&op.out);
	scratch = bridge_scratch_get(&b->scratch, bytes);
	if (!scratch) {
		snprintf(msg, sizeof(msg), "no memory to copy the operands (%zu bytes)", bytes);
		bridge_throw_errno(env, ENOMEM, msg);
		return;
	}
	op.a.addr = (u64)(uintptr_t)scratch;
	if (bb)
		op.b.addr = op.a.addr + copy_bytes(&op.a);
	op.out.addr = op.a.addr + copy_bytes(&op.a) + (bb ? copy_bytes(&op.b) : 0);
	get_region(env, op.dtype, a, offset, (jint)((u64)op.a.rows * op.a.cols),
		   (void *)(uintptr_t)op.a.addr);
	if (bb && !(*env)->ExceptionCheck(env))
		get_region(env, op.dtype, bb, offset, (jint)((u64)op.b.rows * op.b.cols),
			   (void *)(uintptr_t)op.b.addr);
	if (!(*env)->ExceptionCheck(env)) {
		err = b->ops->run(b, &op, &why);
		if (err)
			throw_op(env, err, why, "", &op);
		else
			set_region(env, op.dtype, out, offset,
				   (jint)((u64)op.out.rows * op.out.cols),
				   (const void *)(uintptr_t)op.out.addr);
	}
	bridge_scratch_put(&b->scratch, scratch);
}

static int int_region(JNIEnv *env, jintArray array, jsize n, jint *dst)
{
	(*env)->GetIntArrayRegion(env, array, 0, n, dst);
	return (*env)->ExceptionCheck(env) ? -1 : 0;
}

JNIEXPORT void JNICALL J(validateMlp)(JNIEnv *env, jclass cls, jintArray inputs, jintArray outputs,
				      jintArray activations)
{
	struct cogos_tensor_mlp mlp = { .flags = COGOS_MLPF_SOFTMAX | COGOS_MLPF_ARGMAX };
	jint in[COGOS_TENSOR_MAX_LAYERS], outs[COGOS_TENSOR_MAX_LAYERS], act[COGOS_TENSOR_MAX_LAYERS];
	jsize n = (*env)->GetArrayLength(env, inputs);
	const char *why = NULL;
	jsize i;
	int err;

	(void)cls;
	if (n < 1 || n > COGOS_TENSOR_MAX_LAYERS || (*env)->GetArrayLength(env, outputs) != n ||
	    (*env)->GetArrayLength(env, activations) != n) {
		bridge_throw(env, BRIDGE_IAE, "loadNetwork: 1 .. COGOS_TENSOR_MAX_LAYERS layers");
		return;
	}
	if (int_region(env, inputs, n, in) || int_region(env, outputs, n, outs) ||
	    int_region(env, activations, n, act))
		return;
	/* batch 1 and COPY memory: only the chain of shapes is checked */
	mlp.nlayers = (u32)n;
	copy_desc(&mlp.input, 1, in[0]);
	copy_desc(&mlp.output, 1, outs[n - 1]);
	copy_desc(&mlp.classes, 1, 1);
	for (i = 0; i < n; i++) {
		copy_desc(&mlp.layers[i].weights, in[i], outs[i]);
		copy_desc(&mlp.layers[i].bias, 1, outs[i]);
		mlp.layers[i].activation = (u32)act[i];
	}
	err = cogos_validate_mlp(&mlp, &why);
	if (err)
		throw_mlp(env, "loadNetwork", err, why, &mlp);
}

JNIEXPORT void JNICALL J(mlp)(JNIEnv *env, jclass cls, jlong ctx, jint flags, jint priority,
			      jobjectArray weights, jlongArray weights_pool,
			      jobjectArray biases, jlongArray biases_pool,
			      jintArray inputs, jintArray outputs, jintArray activations,
			      jobject input, jlong input_pool, jint input_rows, jint input_cols,
			      jobject output, jlong output_pool, jint output_rows, jint output_cols,
			      jobject classes, jlong classes_pool, jint classes_rows, jint classes_cols)
{
	struct bridge *b = bridge_of(ctx);
	struct cogos_tensor_mlp mlp = { .flags = (u32)flags, .priority = (u32)priority };
	jint in[COGOS_TENSOR_MAX_LAYERS], outs[COGOS_TENSOR_MAX_LAYERS], act[COGOS_TENSOR_MAX_LAYERS];
	jlong wpool[COGOS_TENSOR_MAX_LAYERS], bpool[COGOS_TENSOR_MAX_LAYERS];
	jsize n = (*env)->GetArrayLength(env, weights);
	const char *why = NULL;
	char name[64];
	jsize i;
	int err;

	(void)cls;
	if (n < 1 || n > COGOS_TENSOR_MAX_LAYERS || (*env)->GetArrayLength(env, biases) != n ||
	    (*env)->GetArrayLength(env, weights_pool) != n ||
	    (*env)->GetArrayLength(env, biases_pool) != n || (*env)->GetArrayLength(env, inputs) != n ||
	    (*env)->GetArrayLength(env, outputs) != n || (*env)->GetArrayLength(env, activations) != n) {
		bridge_throw(env, BRIDGE_IAE, "classify: layer arrays of 1 .. COGOS_TENSOR_MAX_LAYERS");
		return;
	}
	if (int_region(env, inputs, n, in) || int_region(env, outputs, n, outs) ||
	    int_region(env, activations, n, act))
		return;
	(*env)->GetLongArrayRegion(env, weights_pool, 0, n, wpool);
	(*env)->GetLongArrayRegion(env, biases_pool, 0, n, bpool);
	if ((*env)->ExceptionCheck(env))
		return;
	mlp.nlayers = (u32)n;
	for (i = 0; i < n; i++) {
		jobject w = (*env)->GetObjectArrayElement(env, weights, i);
		jobject bias = (*env)->GetObjectArrayElement(env, biases, i);

		snprintf(name, sizeof(name), "layer %d weights", (int)i);
		err = describe(env, b, name, w, wpool[i], in[i], outs[i], &mlp.layers[i].weights);
		if (!err) {
			snprintf(name, sizeof(name), "layer %d bias", (int)i);
			err = describe(env, b, name, bias, bpool[i], 1, outs[i], &mlp.layers[i].bias);
		}
		(*env)->DeleteLocalRef(env, w);
		(*env)->DeleteLocalRef(env, bias);
		if (err)
			return;
		mlp.layers[i].activation = (u32)act[i];
	}
	if (describe(env, b, "input", input, input_pool, input_rows, input_cols, &mlp.input) ||
	    describe(env, b, "probabilities", output, output_pool, output_rows, output_cols,
		     &mlp.output) ||
	    describe(env, b, "classes", classes, classes_pool, classes_rows, classes_cols,
		     &mlp.classes))
		return;
	err = b->ops->mlp(b, &mlp, &why);
	if (err)
		throw_mlp(env, "classify", err, why, &mlp);
}

/*
 * The ops of a batch from Java's per-op arrays (Bridge.checkBatch), each at priority. Checks the layout and
 * what describe() checks of every operand; the ops' fields are left to cogos_validate_op. Returns the number
 * of ops, or 0 with an exception thrown.
 */
static u32 read_batch(JNIEnv *env, struct bridge *b, jint priority, jintArray codes, jobjectArray buffers,
		      jlongArray pools, jintArray dims, struct cogos_tensor_op *ops)
{
	static const char * const names[K(BATCH_OPERANDS)] = { "a", "b", "bias", "out" };
	jint code[COGOS_TENSOR_MAX_BATCH * K(BATCH_CODES)];
	jint dim[COGOS_TENSOR_MAX_BATCH * K(BATCH_DIMS)];
	jlong pool[COGOS_TENSOR_MAX_BATCH * K(BATCH_OPERANDS)];
	jsize ncodes = (*env)->GetArrayLength(env, codes);
	jsize count = ncodes / K(BATCH_CODES);
	char name[64];
	jsize i, k;

	if (count < 1 || count > COGOS_TENSOR_MAX_BATCH || ncodes != count * K(BATCH_CODES) ||
	    (*env)->GetArrayLength(env, buffers) != count * K(BATCH_OPERANDS) ||
	    (*env)->GetArrayLength(env, pools) != count * K(BATCH_OPERANDS) ||
	    (*env)->GetArrayLength(env, dims) != count * K(BATCH_DIMS)) {
		bridge_throw(env, BRIDGE_IAE, "batch: arrays of 1 .. COGOS_TENSOR_MAX_BATCH ops");
		return 0;
	}
	(*env)->GetIntArrayRegion(env, codes, 0, ncodes, code);
	(*env)->GetIntArrayRegion(env, dims, 0, count * K(BATCH_DIMS), dim);
	(*env)->GetLongArrayRegion(env, pools, 0, count * K(BATCH_OPERANDS), pool);
	if ((*env)->ExceptionCheck(env))
		return 0;
	for (i = 0; i < count; i++) {
		struct cogos_tensor_op *op = &ops[i];
		struct cogos_tensor_desc *desc[K(BATCH_OPERANDS)] = { &op->a, &op->b, &op->bias, &op->out };

		memset(op, 0, sizeof(*op));
		op->opcode = (u32)code[i * K(BATCH_CODES)];
		op->dtype = (u32)code[i * K(BATCH_CODES) + 1];
		op->flags = (u32)code[i * K(BATCH_CODES) + 2];
		op->priority = (u32)priority;
		for (k = 0; k < K(BATCH_OPERANDS); k++) {
			jsize at = i * K(BATCH_OPERANDS) + k;
			jobject buf = (*env)->GetObjectArrayElement(env, buffers, at);
			int err;

			if ((*env)->ExceptionCheck(env))
				return 0;
			snprintf(name, sizeof(name), "batch op %d: %s", (int)i, names[k]);
			err = describe(env, b, name, buf, pool[at], dim[2 * at], dim[2 * at + 1], desc[k]);
			(*env)->DeleteLocalRef(env, buf);
			if (err)
				return 0;
		}
	}
	return (u32)count;
}

/* "batch op 2: matmul: inner dimensions differ ...", or for no op in particular "batch of 8 ops at ..." */
static void throw_batch(JNIEnv *env, int err, const char *why, int failed,
			const struct cogos_tensor_op *ops, u32 count, u32 completed)
{
	char msg[MSG_LEN];

	if (failed >= 0 && (u32)failed < count) {
		snprintf(msg, sizeof(msg), "batch op %d: ", failed);
		throw_op(env, err, why, msg, &ops[failed]);
		return;
	}
	snprintf(msg, sizeof(msg), "batch of %u ops at priority %u: %u completed%s%s", count,
		 ops[0].priority, completed, why ? ": " : "", why ? why : "");
	bridge_throw_errno(env, -err, msg);
}

JNIEXPORT void JNICALL J(checkBatch)(JNIEnv *env, jclass cls, jlong ctx, jint priority, jintArray codes,
				     jobjectArray buffers, jlongArray pools, jintArray dims)
{
	struct cogos_tensor_op ops[COGOS_TENSOR_MAX_BATCH];
	const char *why = NULL;
	u32 count = read_batch(env, bridge_of(ctx), priority, codes, buffers, pools, dims, ops);
	u32 i;
	int err;

	(void)cls;
	for (i = 0; i < count; i++) {
		err = cogos_validate_op(&ops[i], &why);
		if (err) {
			throw_batch(env, err, why, (int)i, ops, count, 0);
			return;
		}
	}
}

JNIEXPORT void JNICALL J(batch)(JNIEnv *env, jclass cls, jlong ctx, jint priority, jintArray codes,
				jobjectArray buffers, jlongArray pools, jintArray dims)
{
	struct bridge *b = bridge_of(ctx);
	struct cogos_tensor_op ops[COGOS_TENSOR_MAX_BATCH];
	const char *why = NULL;
	u32 count, completed = 0;
	int failed = -1, err;

	(void)cls;
	if (!b->ops->batch) {
		bridge_throw(env, "java/lang/IllegalStateException",
			     "batch: the user-space backend runs a batch op by op (Bridge.checkBatch, then run)");
		return;
	}
	count = read_batch(env, b, priority, codes, buffers, pools, dims, ops);
	if (!count)
		return;
	err = b->ops->batch(b, ops, count, &completed, &failed, &why);
	if (err)
		throw_batch(env, err, why, failed, ops, count, completed);
}

JNIEXPORT jlong JNICALL J(compute)(JNIEnv *env, jclass cls, jlong ctx, jint op, jlong x, jlong y)
{
	static const char * const names[] = { "ADD", "SUBTRACT", "MULTIPLY", "DIVIDE" };
	struct bridge *b = bridge_of(ctx);
	const char *why = NULL;
	char msg[MSG_LEN];
	s64 result = 0;
	int err = b->ops->compute(b, (u32)op, x, y, &result, &why);

	(void)cls;
	if (err) {
		snprintf(msg, sizeof(msg), "compute %s(%lld, %lld)%s%s",
			 (u32)op < 4 ? names[op] : "?", (long long)x, (long long)y,
			 why ? ": " : " failed", why ? why : "");
		bridge_throw_errno(env, -err, msg);
		return 0;
	}
	return result;
}
