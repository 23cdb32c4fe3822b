// SPDX-License-Identifier: GPL-2.0
/*
 * Measures cogos_expf against glibc's double-precision exp() over a sweep of floats in [-104, 89]:
 * every float when STRIDE is 1 (the figure quoted in cogos_kernels.c), every STRIDE-th bit pattern
 * otherwise. Prints the maximum relative error over normal results and the maximum error in ulps.
 *
 *   gcc -O2 -o expf_check expf_check.c ../lib/cogos_kernels.c -lm && ./expf_check [STRIDE]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <float.h>
#include "../lib/cogos_kernels.h"

static double check(float x, double *max_rel, float *worst, double *max_ulp)
{
	double ref = exp((double)x);
	float got = cogos_expf(x);
	double err = fabs((double)got - ref);
	double ulp;

	if (ref >= FLT_MIN && ref <= FLT_MAX) {
		if (err / ref > *max_rel) {
			*max_rel = err / ref;
			*worst = x;
		}
		ulp = ldexp(1.0, ilogb(ref) - 23);
	} else {
		ulp = ldexp(1.0, -149);	/* subnormal ulp */
		if (ref > FLT_MAX)
			ulp = isinf(got) ? err : HUGE_VAL;
	}
	if (isinf(got) && ref > FLT_MAX)
		return 0;
	if (err / ulp > *max_ulp)
		*max_ulp = err / ulp;
	return err;
}

int main(int argc, char **argv)
{
	unsigned long stride = argc > 1 ? strtoul(argv[1], NULL, 0) : 1;
	double max_rel = 0, max_ulp = 0;
	float worst = 0;
	unsigned long count = 0;
	unsigned int u;
	float x;

	if (!stride)
		stride = 1;
	/* positive floats up to 89, then negative floats down to -104 */
	for (u = 0; ; u += stride) {
		memcpy(&x, &u, 4);
		if (x > 89.0f)
			break;
		check(x, &max_rel, &worst, &max_ulp);
		count++;
	}
	for (u = 0x80000000u; ; u += stride) {
		memcpy(&x, &u, 4);
		if (x < -104.0f)
			break;
		check(x, &max_rel, &worst, &max_ulp);
		count++;
	}
	if (!isnan(cogos_expf(NAN)) || cogos_expf(100.0f) != INFINITY ||
	    cogos_expf(-200.0f) != 0.0f || cogos_expf(0.0f) != 1.0f) {
		printf("expf_check: special values wrong\n");
		return 1;
	}
	printf("expf_check: %lu points, max relative error %.3g (at x=%.9g), max %.4f ulp\n",
	       count, max_rel, worst, max_ulp);
	return max_ulp < 1.0 ? 0 : 1;
}
