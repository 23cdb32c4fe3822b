// SPDX-License-Identifier: GPL-2.0
/*
 * kernels_check: lib/cogos_kernels.c in user space, on the build host (no device needed), at every
 * SIMD level the host supports:
 *   - results do not depend on the row split (the kernel splits rows across workers);
 *   - AVX2 and AVX-512 agree bit for bit (both use one FMA per multiply-add);
 *   - every level is within the documented tolerance of a double-precision reference;
 *   - element-wise ops give the same bits at every level.
 * Prints a hash of each level's results: `make check-host` builds this file twice (default flags
 * and -march=native, where the compiler could fuse on its own) and requires equal hashes.
 * Ends with "KERNELS PASS <n> checks" (exit 0) or "KERNELS FAIL ..." (exit 1).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/cogos_kernels.h"

static int nchecks, nfail;
static unsigned long long rng = 0x2545f4914f6cdd1dull;

static void check(int ok, const char *what, int level, unsigned int m, unsigned int k,
		  unsigned int n)
{
	nchecks++;
	if (!ok)
		nfail++;
	printf("%s %s, simd %d, %ux%ux%u\n", ok ? "ok  " : "FAIL", what, level, m, k, n);
}

static float rndf(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (float)((int)(rng >> 33) / 1073741824.0 - 1.0);
}

static unsigned int hash(const void *p, size_t bytes, unsigned int h)
{
	const unsigned char *c = p;
	size_t i;

	for (i = 0; i < bytes; i++)
		h = (h ^ c[i]) * 16777619u;
	return h;
}

/* |got - ref| <= (k + 2) 2^-24 (sum |a b| + |bias|) for every element */
static int within_reference(const float *a, const float *b, const float *bias, const float *out,
			    unsigned int m, unsigned int k, unsigned int n, int relu)
{
	unsigned int i, j, p;

	for (i = 0; i < m; i++) {
		for (j = 0; j < n; j++) {
			double ref = bias ? bias[j] : 0, mag = bias ? fabs(bias[j]) : 0;

			for (p = 0; p < k; p++) {
				double t = (double)a[(size_t)i * k + p] * b[(size_t)p * n + j];

				ref += t;
				mag += fabs(t);
			}
			if (relu && ref < 0)
				ref = 0;
			if (fabs(out[(size_t)i * n + j] - ref) > (k + 2) * 0x1p-24 * mag)
				return 0;
		}
	}
	return 1;
}

int main(void)
{
	static const unsigned int shapes[][3] = {
		{ 1, 1, 1 }, { 4, 1, 8 }, { 5, 3, 7 }, { 9, 17, 33 }, { 13, 130, 257 },
		{ 67, 300, 291 }, { 128, 129, 300 }, { 3, 1000, 5 },
	};
	unsigned int features = 0, s, h[3] = { 0 };
	int top, level;

	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2"))
		features |= COGOS_CPU_AVX2;
	if (__builtin_cpu_supports("fma"))
		features |= COGOS_CPU_FMA;
	if (__builtin_cpu_supports("avx512f"))
		features |= COGOS_CPU_AVX512F;
	top = cogos_simd_for(features, COGOS_SIMD_AVX512);
	printf("host simd levels 0..%d (features %#x)\n", top, features);

	for (s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++) {
		unsigned int m = shapes[s][0], k = shapes[s][1], n = shapes[s][2], r, chunk;
		size_t on = (size_t)m * n;
		float *a = malloc((size_t)m * k * 4), *b = malloc((size_t)k * n * 4);
		float *bias = malloc((size_t)n * 4), *out[3], *split = malloc(on * 4);
		float *e0 = malloc(on * 4), *e1 = malloc(on * 4);
		size_t i;

		for (i = 0; i < (size_t)m * k; i++)
			a[i] = rndf();
		for (i = 0; i < (size_t)k * n; i++)
			b[i] = rndf();
		for (i = 0; i < n; i++)
			bias[i] = rndf();
		for (level = 0; level <= top; level++) {
			out[level] = malloc(on * 4);
			cogos_matmul_f32(level, a, b, out[level], 0, m, k, n);
			for (chunk = 1; chunk <= 5; chunk += 2) {
				for (r = 0; r < m; r += chunk)
					cogos_matmul_f32(level, a, b, split, r,
							 r + chunk < m ? r + chunk : m, k, n);
				check(!memcmp(split, out[level], on * 4),
				      "matmul: rows in chunks of 1/3/5 give the same bits",
				      level, m, k, n);
			}
			check(within_reference(a, b, NULL, out[level], m, k, n, 0),
			      "matmul within tolerance of the double reference", level, m, k, n);
			cogos_dense_f32(level, a, b, bias, split, 0, m, k, n, 1);
			check(within_reference(a, b, bias, split, m, k, n, 1),
			      "dense+relu within tolerance of the double reference",
			      level, m, k, n);
			h[level] = hash(out[level], on * 4, h[level] ? h[level] : 2166136261u);
			h[level] = hash(split, on * 4, h[level]);

			cogos_sum_f32(0, out[0], split, e0, on);
			cogos_sum_f32(level, out[0], split, e1, on);
			check(!memcmp(e0, e1, on * 4), "sum: same bits as scalar", level, m, 1, n);
			cogos_relu_f32(0, out[0], e0, on);
			cogos_relu_f32(level, out[0], e1, on);
			check(!memcmp(e0, e1, on * 4), "relu: same bits as scalar", level, m, 1, n);
		}
		if (top == COGOS_SIMD_AVX512)
			check(!memcmp(out[1], out[2], on * 4), "matmul: AVX2 and AVX-512 agree", 2,
			      m, k, n);
		for (level = 0; level <= top; level++)
			free(out[level]);
		free(a);
		free(b);
		free(bias);
		free(split);
		free(e0);
		free(e1);
	}
	for (level = 0; level <= top; level++)
		printf("hash simd %d: %08x\n", level, h[level]);
	if (nfail) {
		printf("KERNELS FAIL %d of %d checks\n", nfail, nchecks);
		return 1;
	}
	printf("KERNELS PASS %d checks\n", nchecks);
	return 0;
}
