// SPDX-License-Identifier: Apache-2.0
/*
 * Scratch memory of one engine, kept between calls: the copies of the float[]/int[] methods and
 * the user-space MLP's hidden activations.
 *
 * Why not malloc and free per call: glibc serves blocks of a megabyte and more from fresh pages
 * (mmap, or heap that free() trims back to the kernel), so every call paid page faults, the
 * kernel zeroing those pages, and the unmapping: the copy path ran at 2-3 GB/s at 1 MB per
 * operand, 15 GB/s with the scratch kept (bench/README.md, "Tensor engine").
 *
 * Why per engine and not per thread (a pthread key whose destructor frees a thread's buffers):
 *   - the sets are freed by close(), which Java runs only once no call is in flight (the
 *     engine's write lock); nothing waits for threads to end, and a thread-exit destructor would
 *     be this library's code run after JNI_OnUnload, when an OSGi refresh drops the bundle's
 *     class loader;
 *   - what stays allocated is bounded per engine (BRIDGE_SCRATCH_KEEP), where per-thread
 *     buffers grow with every pool thread that ever called.
 * The price is an uncontended mutex around a list of at most as many sets as calls ran at once.
 */
#include <stdint.h>
#include <stdlib.h>

#include "bridge.h"

/* Bytes of idle sets one engine keeps; a set that would exceed it is freed when its call ends. */
#define BRIDGE_SCRATCH_KEEP	(64ul << 20)
/* Sets and the memory behind their headers are aligned to a cache line. */
#define BRIDGE_SCRATCH_ALIGN	64ul

/* A set: this header, then cap bytes. */
struct bridge_scratch {
	struct bridge_scratch *next;	/* in the pool's idle list */
	size_t cap;
} __attribute__((aligned(BRIDGE_SCRATCH_ALIGN)));

void bridge_scratch_init(struct bridge_scratch_pool *p)
{
	*p = (struct bridge_scratch_pool){ .lock = PTHREAD_MUTEX_INITIALIZER };
}

/*
 * Takes the smallest idle set that holds bytes; if none does, the largest is replaced by a new one
 * (so the number of sets never exceeds the number of calls that ran at once).
 */
void *bridge_scratch_get(struct bridge_scratch_pool *p, size_t bytes)
{
	struct bridge_scratch **pp, **best = NULL, **largest = NULL, *s = NULL;
	size_t cap;

	pthread_mutex_lock(&p->lock);
	for (pp = &p->idle; *pp; pp = &(*pp)->next) {
		if ((*pp)->cap >= bytes && (!best || (*pp)->cap < (*best)->cap))
			best = pp;
		if (!largest || (*pp)->cap > (*largest)->cap)
			largest = pp;
	}
	pp = best ? best : largest;
	if (pp) {
		s = *pp;
		*pp = s->next;
		p->idle_bytes -= s->cap;
	}
	pthread_mutex_unlock(&p->lock);
	if (s && s->cap >= bytes)
		return s + 1;
	free(s);
	if (bytes > SIZE_MAX - sizeof(*s) - BRIDGE_SCRATCH_ALIGN)
		return NULL;
	cap = (bytes + BRIDGE_SCRATCH_ALIGN - 1) & ~(BRIDGE_SCRATCH_ALIGN - 1);
	s = aligned_alloc(BRIDGE_SCRATCH_ALIGN, sizeof(*s) + cap);
	if (!s)
		return NULL;
	s->cap = cap;
	return s + 1;
}

void bridge_scratch_put(struct bridge_scratch_pool *p, void *mem)
{
	struct bridge_scratch *s = (struct bridge_scratch *)mem - 1;

	pthread_mutex_lock(&p->lock);
	if (p->idle_bytes + s->cap <= BRIDGE_SCRATCH_KEEP) {
		s->next = p->idle;
		p->idle = s;
		p->idle_bytes += s->cap;
		s = NULL;
	}
	pthread_mutex_unlock(&p->lock);
	free(s);
}

/* Only when no call is in flight: every set is idle then. */
void bridge_scratch_destroy(struct bridge_scratch_pool *p)
{
	struct bridge_scratch *s, *next;

	for (s = p->idle; s; s = next) {
		next = s->next;
		free(s);
	}
	p->idle = NULL;
	p->idle_bytes = 0;
	pthread_mutex_destroy(&p->lock);
}
