// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The numeric kernels of cogos, the float and SIMD part: one source for cogos_tensor and for
 * native-bridge's user-space library (see cogos_kernels.h for the rules).
 *
 * Determinism. For a given simd level every output element is computed by one fixed sequence of
 * IEEE operations, whatever the row split, the block sizes or the compiler flags:
 *   - a matmul element is acc = +0, then acc = acc + a[i][p] * b[p][j] for p = 0 .. k-1 in order,
 *     with a rounded product and a rounded sum at COGOS_SIMD_SCALAR and one fused multiply-add
 *     (one rounding) at COGOS_SIMD_AVX2 and COGOS_SIMD_AVX512 (so AVX2 and AVX-512 agree with
 *     each other, not with scalar);
 *   - cache blocking only decides when a partial sum is parked in out[] (a float store and load:
 *     exact);
 *   - element-wise ops (sum, relu, bias) are one IEEE operation per element at every level.
 * The compiler may fuse a * b + c into an FMA on its own (-ffp-contract=fast, GCC's default outside
 * strict ISO mode) when the target has FMA, e.g. a user-space build with -march=native;
 * COGOS_NOFUSE() makes the product of the scalar paths opaque in that case so it is rounded on its
 * own. Never compile this file with -ffast-math or -fassociative-math.
 *
 * Integer ops compute in u32 so that overflow wraps modulo 2^32 without undefined behaviour.
 *
 * FPU use in the kernel. This file is built with SSE enabled (see kmod/Kbuild), so the compiler may
 * use SSE registers anywhere in it, even in integer loops: every function here, the I32 ops
 * included, must run between kernel_fpu_begin() and kernel_fpu_end(). The code that must run
 * outside them (cogos_compute, the validators, cogos_simd_for) is in cogos_validate.c, which is
 * built with the kernel's normal flags.
 *
 * SIMD uses GCC vector extensions and the ia32 FMA builtins inside functions marked with a target
 * attribute: <immintrin.h> cannot be included in kernel builds. Callers choose the level with
 * cogos_simd_for() from CPUID (and OS) support; a level the CPU lacks must never be passed.
 */
#include "cogos_kernels.h"

/* Cache blocking of the matrix multiply: a KB x NB panel of b (128 KiB of floats) stays in L2. */
#define COGOS_MM_KB	128	/* rows of b (the k dimension) per block */
#define COGOS_MM_NB	256	/* columns of b and out per block */
#define COGOS_MM_MR	4	/* rows of out per register tile in the SIMD paths */

#if defined(__x86_64__)
#define COGOS_X86_SIMD	1
#endif

/*
 * Makes a product opaque so the compiler cannot contract it with the following add; only needed
 * when the target has FMA (otherwise contraction cannot happen).
 */
#if defined(__FMA__) && defined(COGOS_X86_SIMD)
#define COGOS_NOFUSE(x)	__asm__("" : "+x"(x))
#elif defined(__FP_FAST_FMAF) || defined(__FP_FAST_FMA)
#define COGOS_NOFUSE(x)	__asm__("" : "+g"(x))
#else
#define COGOS_NOFUSE(x)	do { } while (0)
#endif

static inline float cg_mulf(float a, float b)
{
	float p = a * b;

	COGOS_NOFUSE(p);
	return p;
}

static inline double cg_muld(double a, double b)
{
	double p = a * b;

	COGOS_NOFUSE(p);
	return p;
}

static inline u32 cg_min_u32(u32 a, u32 b)
{
	return a < b ? a : b;
}

/*
 * SIMD building blocks
 */

#ifdef COGOS_X86_SIMD
typedef float cg_v8sf __attribute__((vector_size(32)));
typedef int cg_v8si __attribute__((vector_size(32)));
typedef float cg_v8sf_u __attribute__((vector_size(32), aligned(4), may_alias));
typedef float cg_v16sf __attribute__((vector_size(64)));
typedef int cg_v16si __attribute__((vector_size(64)));
typedef float cg_v16sf_u __attribute__((vector_size(64), aligned(4), may_alias));

#define CG_AVX2		__attribute__((target("avx2,fma")))
#define CG_AVX512	__attribute__((target("avx512f,avx2,fma")))

/*
 * Keeps a float in a register, so that the compiler does not fold its load into a scalar FMA: QEMU
 * 7.2's TCG reads 16 bytes for the memory operand of VFMADD*SS and faults on the last float of a
 * mapping (real CPUs read 4). Costs nothing on hardware: the load happens anyway.
 */
#define CG_IN_REG(x)		__asm__("" : "+x"(x))

#define CG_LD8(p)		((cg_v8sf)*(const cg_v8sf_u *)(p))
#define CG_ST8(p, v)		(*(cg_v8sf_u *)(p) = (v))
#define CG_SPLAT8(x)		((cg_v8sf){ x, x, x, x, x, x, x, x })
#define CG_FMA8(a, b, c)	__builtin_ia32_vfmaddps256((a), (b), (c))

#define CG_LD16(p)		((cg_v16sf)*(const cg_v16sf_u *)(p))
#define CG_ST16(p, v)		(*(cg_v16sf_u *)(p) = (v))
#define CG_SPLAT16(x)		((cg_v16sf){ x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x })
/* all 16 lanes (mask -1), current rounding mode (4 = _MM_FROUND_CUR_DIRECTION) */
#define CG_FMA16(a, b, c)	__builtin_ia32_vfmaddps512_mask((a), (b), (c), 0xffff, 4)
#endif

/*
 * Element-wise
 */

/* ReLU keeps NaN (NaN < 0 is false) and -0.0, and maps every negative number to +0.0. */
static inline float cg_relu1(float v)
{
	return v < 0.0f ? 0.0f : v;
}

static void cg_sum_f32_scalar(const float *a, const float *b, float *out, u64 count)
{
	u64 i;

	for (i = 0; i < count; i++)
		out[i] = a[i] + b[i];
}

static void cg_relu_f32_scalar(const float *a, float *out, u64 count)
{
	u64 i;

	for (i = 0; i < count; i++)
		out[i] = cg_relu1(a[i]);
}

#ifdef COGOS_X86_SIMD
static CG_AVX2 void cg_sum_f32_avx2(const float *a, const float *b, float *out, u64 count)
{
	u64 i = 0;

	for (; i + 8 <= count; i += 8)
		CG_ST8(out + i, CG_LD8(a + i) + CG_LD8(b + i));
	for (; i < count; i++)
		out[i] = a[i] + b[i];
}

static CG_AVX2 void cg_relu_f32_avx2(const float *a, float *out, u64 count)
{
	const cg_v8sf zero = { 0 };
	u64 i = 0;

	for (; i + 8 <= count; i += 8) {
		cg_v8sf v = CG_LD8(a + i);
		cg_v8si neg = v < zero;

		CG_ST8(out + i, (cg_v8sf)((cg_v8si)v & ~neg));
	}
	for (; i < count; i++)
		out[i] = cg_relu1(a[i]);
}

static CG_AVX512 void cg_sum_f32_avx512(const float *a, const float *b, float *out, u64 count)
{
	u64 i = 0;

	for (; i + 16 <= count; i += 16)
		CG_ST16(out + i, CG_LD16(a + i) + CG_LD16(b + i));
	for (; i < count; i++)
		out[i] = a[i] + b[i];
}

static CG_AVX512 void cg_relu_f32_avx512(const float *a, float *out, u64 count)
{
	const cg_v16sf zero = { 0 };
	u64 i = 0;

	for (; i + 16 <= count; i += 16) {
		cg_v16sf v = CG_LD16(a + i);
		cg_v16si neg = v < zero;

		CG_ST16(out + i, (cg_v16sf)((cg_v16si)v & ~neg));
	}
	for (; i < count; i++)
		out[i] = cg_relu1(a[i]);
}
#endif

void cogos_sum_f32(int simd, const float *a, const float *b, float *out, u64 count)
{
#ifdef COGOS_X86_SIMD
	if (simd == COGOS_SIMD_AVX512)
		return cg_sum_f32_avx512(a, b, out, count);
	if (simd == COGOS_SIMD_AVX2)
		return cg_sum_f32_avx2(a, b, out, count);
#endif
	cg_sum_f32_scalar(a, b, out, count);
}

void cogos_relu_f32(int simd, const float *a, float *out, u64 count)
{
#ifdef COGOS_X86_SIMD
	if (simd == COGOS_SIMD_AVX512)
		return cg_relu_f32_avx512(a, out, count);
	if (simd == COGOS_SIMD_AVX2)
		return cg_relu_f32_avx2(a, out, count);
#endif
	cg_relu_f32_scalar(a, out, count);
}

void cogos_sum_i32(const s32 *a, const s32 *b, s32 *out, u64 count)
{
	u64 i;

	for (i = 0; i < count; i++)
		out[i] = (s32)((u32)a[i] + (u32)b[i]);
}

/*
 * Matrix multiply
 */

/*
 * Blocked loops shared by every level: for each NB-column block of out, for each KB-row block of b,
 * each row of [row_begin, row_end) accumulates its KB products into out (starting from +0 in the
 * first block). Rows are independent, so any row split gives the same bits.
 */

static void cg_mm_block_scalar(const float *a, const float *b, float *out, u32 row_begin,
			       u32 row_end, u32 k, u32 n, u32 p0, u32 pn, u32 j0, u32 jn)
{
	u32 i, p, j;

	for (i = row_begin; i < row_end; i++) {
		const float *ai = a + (u64)i * k + p0;
		float *oi = out + (u64)i * n + j0;

		if (p0 == 0)
			for (j = 0; j < jn; j++)
				oi[j] = 0.0f;
		for (p = 0; p < pn; p++) {
			const float *bp = b + (u64)(p0 + p) * n + j0;
			float av = ai[p];

			for (j = 0; j < jn; j++)
				oi[j] = oi[j] + cg_mulf(av, bp[j]);
		}
	}
}

static void cg_mm_block_i32(const s32 *a, const s32 *b, s32 *out, u32 row_begin, u32 row_end,
			    u32 k, u32 n, u32 p0, u32 pn, u32 j0, u32 jn)
{
	u32 i, p, j;

	for (i = row_begin; i < row_end; i++) {
		const s32 *ai = a + (u64)i * k + p0;
		u32 *oi = (u32 *)out + (u64)i * n + j0;

		if (p0 == 0)
			for (j = 0; j < jn; j++)
				oi[j] = 0;
		for (p = 0; p < pn; p++) {
			const u32 *bp = (const u32 *)b + (u64)(p0 + p) * n + j0;
			u32 av = (u32)ai[p];

			for (j = 0; j < jn; j++)
				oi[j] += av * bp[j];
		}
	}
}

#ifdef COGOS_X86_SIMD
/*
 * Register tiles: R rows (COGOS_MM_MR or 1) x 2 vectors, then R x 1 vector, then the tail columns
 * with a scalar FMA (the same single rounding as one vector lane). Every element: acc = fma(a, b,
 * acc) for p ascending, starting from +0 (first block) or the partial sum parked in out.
 */
#define CG_DEFINE_MM_TILE(NAME, TARGET, V, VW, LD, ST, SPLAT, FMA)				\
static TARGET __attribute__((always_inline)) inline void					\
NAME(const float *a, u32 lda, const float *b, u32 ldb, float *c, u32 ldc,			\
     u32 pn, u32 jn, int first, const u32 rows)							\
{												\
	u32 j = 0, p, r;									\
												\
	for (; j + 2 * VW <= jn; j += 2 * VW) {							\
		V acc0[COGOS_MM_MR], acc1[COGOS_MM_MR];						\
												\
		for (r = 0; r < rows; r++) {							\
			acc0[r] = first ? (V){ 0 } : LD(c + (u64)r * ldc + j);			\
			acc1[r] = first ? (V){ 0 } : LD(c + (u64)r * ldc + j + VW);		\
		}										\
		for (p = 0; p < pn; p++) {							\
			V b0 = LD(b + (u64)p * ldb + j);					\
			V b1 = LD(b + (u64)p * ldb + j + VW);					\
												\
			for (r = 0; r < rows; r++) {						\
				V av = SPLAT(a[(u64)r * lda + p]);				\
												\
				acc0[r] = FMA(av, b0, acc0[r]);					\
				acc1[r] = FMA(av, b1, acc1[r]);					\
			}									\
		}										\
		for (r = 0; r < rows; r++) {							\
			ST(c + (u64)r * ldc + j, acc0[r]);					\
			ST(c + (u64)r * ldc + j + VW, acc1[r]);					\
		}										\
	}											\
	for (; j + VW <= jn; j += VW) {								\
		V acc[COGOS_MM_MR];								\
												\
		for (r = 0; r < rows; r++)							\
			acc[r] = first ? (V){ 0 } : LD(c + (u64)r * ldc + j);			\
		for (p = 0; p < pn; p++) {							\
			V b0 = LD(b + (u64)p * ldb + j);					\
												\
			for (r = 0; r < rows; r++)						\
				acc[r] = FMA(SPLAT(a[(u64)r * lda + p]), b0, acc[r]);		\
		}										\
		for (r = 0; r < rows; r++)							\
			ST(c + (u64)r * ldc + j, acc[r]);					\
	}											\
	for (; j < jn; j++) {									\
		for (r = 0; r < rows; r++) {							\
			float acc = first ? 0.0f : c[(u64)r * ldc + j];				\
												\
			for (p = 0; p < pn; p++) {						\
				float av = a[(u64)r * lda + p], bv = b[(u64)p * ldb + j];	\
												\
				CG_IN_REG(av);							\
				CG_IN_REG(bv);							\
				acc = __builtin_fmaf(av, bv, acc);				\
			}									\
			c[(u64)r * ldc + j] = acc;						\
		}										\
	}											\
}

CG_DEFINE_MM_TILE(cg_mm_tile_avx2, CG_AVX2, cg_v8sf, 8, CG_LD8, CG_ST8, CG_SPLAT8, CG_FMA8)
CG_DEFINE_MM_TILE(cg_mm_tile_avx512, CG_AVX512, cg_v16sf, 16, CG_LD16, CG_ST16, CG_SPLAT16,
		  CG_FMA16)

#define CG_DEFINE_MM_BLOCK(NAME, TARGET, TILE)							\
static TARGET void NAME(const float *a, const float *b, float *out, u32 row_begin,		\
			u32 row_end, u32 k, u32 n, u32 p0, u32 pn, u32 j0, u32 jn)		\
{												\
	const float *bb = b + (u64)p0 * n + j0;							\
	u32 i = row_begin;									\
												\
	for (; i + COGOS_MM_MR <= row_end; i += COGOS_MM_MR)					\
		TILE(a + (u64)i * k + p0, k, bb, n, out + (u64)i * n + j0, n, pn, jn,		\
		     p0 == 0, COGOS_MM_MR);							\
	for (; i < row_end; i++)								\
		TILE(a + (u64)i * k + p0, k, bb, n, out + (u64)i * n + j0, n, pn, jn,		\
		     p0 == 0, 1);								\
}

CG_DEFINE_MM_BLOCK(cg_mm_block_avx2, CG_AVX2, cg_mm_tile_avx2)
CG_DEFINE_MM_BLOCK(cg_mm_block_avx512, CG_AVX512, cg_mm_tile_avx512)
#endif

void cogos_matmul_f32(int simd, const float *a, const float *b, float *out,
		      u32 row_begin, u32 row_end, u32 k, u32 n)
{
	u32 j0, p0;

	for (j0 = 0; j0 < n; j0 += COGOS_MM_NB) {
		u32 jn = cg_min_u32(COGOS_MM_NB, n - j0);

		for (p0 = 0; p0 < k; p0 += COGOS_MM_KB) {
			u32 pn = cg_min_u32(COGOS_MM_KB, k - p0);

#ifdef COGOS_X86_SIMD
			if (simd == COGOS_SIMD_AVX512) {
				cg_mm_block_avx512(a, b, out, row_begin, row_end, k, n, p0, pn,
						   j0, jn);
				continue;
			}
			if (simd == COGOS_SIMD_AVX2) {
				cg_mm_block_avx2(a, b, out, row_begin, row_end, k, n, p0, pn,
						 j0, jn);
				continue;
			}
#endif
			cg_mm_block_scalar(a, b, out, row_begin, row_end, k, n, p0, pn, j0, jn);
		}
	}
}

void cogos_matmul_i32(const s32 *a, const s32 *b, s32 *out,
		      u32 row_begin, u32 row_end, u32 k, u32 n)
{
	u32 j0, p0;

	for (j0 = 0; j0 < n; j0 += COGOS_MM_NB) {
		u32 jn = cg_min_u32(COGOS_MM_NB, n - j0);

		for (p0 = 0; p0 < k; p0 += COGOS_MM_KB)
			cg_mm_block_i32(a, b, out, row_begin, row_end, k, n, p0,
					cg_min_u32(COGOS_MM_KB, k - p0), j0, jn);
	}
}

void cogos_dense_f32(int simd, const float *a, const float *b, const float *bias, float *out,
		     u32 row_begin, u32 row_end, u32 k, u32 n, int relu)
{
	u32 i;

	cogos_matmul_f32(simd, a, b, out, row_begin, row_end, k, n);
	for (i = row_begin; i < row_end; i++) {
		float *oi = out + (u64)i * n;

		cogos_sum_f32(simd, oi, bias, oi, n);
		if (relu)
			cogos_relu_f32(simd, oi, oi, n);
	}
}

/*
 * Row-wise
 */

/*
 * Softmax of a row: m = the row's maximum, e_j = cogos_expf(a_j - m) (all <= 1, no overflow), the
 * sum of the e_j accumulated in double in column order, out_j = e_j / sum rounded once to float. A
 * row holding a NaN or +inf gives NaN everywhere (NaN - m, inf - inf); a row of -inf only gives NaN
 * too (0 / 0). out may be a (in place): each a_j is read before out_j is written.
 */
void cogos_softmax_f32(const float *a, float *out, u32 row_begin, u32 row_end, u32 n)
{
	u32 i, j;

	for (i = row_begin; i < row_end; i++) {
		const float *ai = a + (u64)i * n;
		float *oi = out + (u64)i * n;
		float m = ai[0];
		double sum = 0.0;

		for (j = 1; j < n; j++)
			if (ai[j] > m)
				m = ai[j];
		for (j = 0; j < n; j++) {
			float e = cogos_expf(ai[j] - m);

			oi[j] = e;
			sum += e;
		}
		for (j = 0; j < n; j++)
			oi[j] = (float)((double)oi[j] / sum);
	}
}

/*
 * Index of the first maximum of each row. NaN ranks above every number (as numpy's argmax): the
 * first NaN of a row wins. -0.0 and +0.0 are equal (the first wins).
 */
void cogos_argmax_f32(const float *a, s32 *out, u32 row_begin, u32 row_end, u32 n)
{
	u32 i, j;

	for (i = row_begin; i < row_end; i++) {
		const float *ai = a + (u64)i * n;
		float best = ai[0];
		u32 arg = 0;

		for (j = 1; j < n && best == best; j++) {
			if (ai[j] > best || ai[j] != ai[j]) {
				best = ai[j];
				arg = j;
			}
		}
		out[i] = (s32)arg;
	}
}

/*
 * exp
 */

/*
 * expf by range reduction in double: x = n ln2 + r with |r| <= ln2/2 (Cody-Waite split of ln2,
 * n in [-151, 129]), exp(r) by its degree-9 Taylor polynomial (truncation error < 2e-12
 * relative), scaled by 2^n built from the exponent bits, then rounded once to float.
 * Measured against glibc's double exp() over every float in [-104, 89], 2.24e9 points
 * (kmod/tests/expf_check.c): max relative error 5.96e-08 = 2^-24, max 0.5001 ulp (the final
 * rounding to float plus the polynomial's tiny error), subnormal results included.
 * exp(NaN) = NaN, x > 88.73 gives +inf, x < -103.98 gives +0.
 */
float cogos_expf(float xf)
{
	static const double inv_ln2 = 1.4426950408889634;
	/* the low 21 bits of ln2_hi are zero: n * ln2_hi is exact for |n| < 2^21 */
	static const double ln2_hi = 6.93147180369123816490e-01;
	static const double ln2_lo = 1.90821492927058770002e-10;
	union { double d; u64 u; } scale;
	double x = xf, r, p;
	s32 n;

	if (xf != xf)
		return xf;
	if (xf > 88.73f)
		return __builtin_inff();
	if (xf < -103.98f)
		return 0.0f;

	n = (s32)(x * inv_ln2 + (x < 0 ? -0.5 : 0.5));	/* round to nearest */
	r = x - cg_muld(n, ln2_hi);
	r = r - cg_muld(n, ln2_lo);

	p = 1.0 / 362880;
	p = cg_muld(p, r) + 1.0 / 40320;
	p = cg_muld(p, r) + 1.0 / 5040;
	p = cg_muld(p, r) + 1.0 / 720;
	p = cg_muld(p, r) + 1.0 / 120;
	p = cg_muld(p, r) + 1.0 / 24;
	p = cg_muld(p, r) + 1.0 / 6;
	p = cg_muld(p, r) + 0.5;
	p = cg_muld(p, r) + 1.0;
	p = cg_muld(p, r) + 1.0;

	scale.u = (u64)(n + 1023) << 52;	/* n in [-151, 129]: a normal double */
	return (float)cg_muld(p, scale.d);
}
