// SPDX-License-Identifier: MIT
/*
 * Bench-only JNI shim: OpenBLAS's cblas_sgemm on direct ByteBuffers, the baseline the tensor engine's matmul is
 * measured beside (org.cogos.bench.tensor.OpenBlas). OpenBLAS is dlopen()ed at run time rather than linked, so
 * the bench builds with gcc alone and only running it needs Debian's libopenblas0.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>

#include <jni.h>

/* From cblas.h; the values are fixed by the CBLAS standard. */
#define CBLAS_ROW_MAJOR	101
#define CBLAS_NO_TRANS	111

typedef void (*sgemm_fn)(int order, int transa, int transb, int m, int n, int k, float alpha,
			 const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc);
typedef void (*set_threads_fn)(int threads);
typedef char *(*get_config_fn)(void);

static sgemm_fn cblas_sgemm;
static set_threads_fn set_num_threads;

static void throw_new(JNIEnv *env, const char *class_name, const char *message)
{
	jclass cls = (*env)->FindClass(env, class_name);

	if (cls)
		(*env)->ThrowNew(env, cls, message);
}

/* Loads the library and returns OpenBLAS's build description (its kernel, thread model). */
JNIEXPORT jstring JNICALL Java_org_cogos_bench_tensor_OpenBlas_open(JNIEnv *env, jclass cls, jstring soname)
{
	char message[512];
	const char *name;
	get_config_fn get_config;
	void *lib;

	(void)cls;
	name = (*env)->GetStringUTFChars(env, soname, NULL);
	if (!name)
		return NULL;
	lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		snprintf(message, sizeof(message), "cannot load %s: %s", name, dlerror());
		(*env)->ReleaseStringUTFChars(env, soname, name);
		throw_new(env, "java/lang/UnsatisfiedLinkError", message);
		return NULL;
	}
	cblas_sgemm = (sgemm_fn)dlsym(lib, "cblas_sgemm");
	set_num_threads = (set_threads_fn)dlsym(lib, "openblas_set_num_threads");
	get_config = (get_config_fn)dlsym(lib, "openblas_get_config");
	if (!cblas_sgemm || !set_num_threads || !get_config) {
		snprintf(message, sizeof(message), "%s lacks cblas_sgemm or the openblas_* calls", name);
		(*env)->ReleaseStringUTFChars(env, soname, name);
		throw_new(env, "java/lang/UnsatisfiedLinkError", message);
		return NULL;
	}
	(*env)->ReleaseStringUTFChars(env, soname, name);
	return (*env)->NewStringUTF(env, get_config());
}

JNIEXPORT void JNICALL Java_org_cogos_bench_tensor_OpenBlas_setThreads(JNIEnv *env, jclass cls, jint threads)
{
	(void)cls;
	if (threads < 1) {
		throw_new(env, "java/lang/IllegalArgumentException", "threads must be at least 1");
		return;
	}
	set_num_threads(threads);
}

/* The floats of a direct buffer holding at least count of them, or NULL with an exception pending. */
static float *floats_of(JNIEnv *env, jobject buffer, int64_t count, const char *what)
{
	char message[128];
	void *address;

	if (!buffer) {
		throw_new(env, "java/lang/NullPointerException", what);
		return NULL;
	}
	address = (*env)->GetDirectBufferAddress(env, buffer);
	if (!address || ((uintptr_t)address & 3)) {
		snprintf(message, sizeof(message), "%s is not a 4-byte aligned direct buffer", what);
		throw_new(env, "java/lang/IllegalArgumentException", message);
		return NULL;
	}
	if ((*env)->GetDirectBufferCapacity(env, buffer) / 4 < count) {
		snprintf(message, sizeof(message), "%s holds fewer than %lld floats", what, (long long)count);
		throw_new(env, "java/lang/IllegalArgumentException", message);
		return NULL;
	}
	return address;
}

/* c(m x n) = a(m x k) b(k x n), row-major. */
JNIEXPORT void JNICALL Java_org_cogos_bench_tensor_OpenBlas_sgemm(JNIEnv *env, jclass cls, jobject a, jobject b,
								   jobject c, jint m, jint k, jint n)
{
	float *pa, *pb, *pc;

	(void)cls;
	if (m < 1 || k < 1 || n < 1) {
		throw_new(env, "java/lang/IllegalArgumentException", "dimensions must be at least 1");
		return;
	}
	pa = floats_of(env, a, (int64_t)m * k, "a");
	if (!pa)
		return;
	pb = floats_of(env, b, (int64_t)k * n, "b");
	if (!pb)
		return;
	pc = floats_of(env, c, (int64_t)m * n, "c");
	if (!pc)
		return;
	cblas_sgemm(CBLAS_ROW_MAJOR, CBLAS_NO_TRANS, CBLAS_NO_TRANS, m, n, k, 1.0f, pa, k, pb, n, 0.0f, pc, n);
}
