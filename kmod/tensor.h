/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cogos_tensor internals shared by tensor_main.c (device, ioctls), tensor_mem.c (block pool, mmap,
 * operand memory) and tensor_work.c (worker pool, job queue).
 */
#ifndef _COGOS_TENSOR_INTERNAL_H
#define _COGOS_TENSOR_INTERNAL_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/mm_types.h>

#include "lib/cogos_kernels.h"

#define CT_MAX_WORKERS	8
#define CT_NPRIO	(COGOS_TENSOR_PRIO_MAX + 1)
/* Work of one FPU section: multiply-adds or elements, about a millisecond on a scalar core. */
#define CT_FPU_BUDGET	(1u << 20)

/* Load-time state of the one device. */
struct ct_dev {
	/* block pool (tensor_mem.c) */
	void *pool;			/* vmalloc_user(), mmapped by callers */
	u64 pool_bytes;
	u64 block_bytes;		/* a multiple of PAGE_SIZE */
	u32 nblocks;
	unsigned long *map;		/* one bit per block, under pool_lock */
	u32 blocks_used;		/* under pool_lock */
	spinlock_t pool_lock;
	u64 pin_limit;			/* bytes one call may pin */

	/* workers (tensor_work.c) */
	int simd;			/* enum cogos_simd_level */
	u32 cpu_features;		/* COGOS_CPU_* usable (CPU and OS) */
	u32 nworkers;
	u64 inline_max_work;		/* requests of at most this work run in the caller */
	struct task_struct *workers[CT_MAX_WORKERS];
	u32 queue_depth;
	spinlock_t q_lock;
	struct list_head q[CT_NPRIO];	/* queued jobs per priority, under q_lock */
	u32 queued;			/* under q_lock */
	wait_queue_head_t work_wq;	/* workers wait for jobs */
	wait_queue_head_t slot_wq;	/* submitters wait for a queue slot */

	atomic64_t calls;
	atomic64_t errors;
};

extern struct ct_dev ct;

/* One open file of /dev/cogos_tensor. */
struct ct_file {
	struct mutex lock;		/* allocs and their maps/busy counts */
	struct list_head allocs;
};

/* A run of pool blocks owned by one open file (COGOS_TENSOR_IOC_ALLOC). */
struct ct_alloc {
	struct list_head node;
	u64 offset;			/* byte offset in the pool = mmap offset */
	u64 bytes;			/* whole blocks */
	u32 first, nblocks;
	unsigned int maps;		/* live VMAs; FREE refuses while non-zero */
	unsigned int busy;		/* operands of calls in flight; FREE refuses too */
};

/* An operand resolved to kernel memory for the duration of one call. */
struct ct_buf {
	void *kaddr;			/* NULL: not resolved */
	u64 bytes;
	u64 uaddr;			/* COPY: the user pointer of an output */
	u32 mem;
	bool output;
	struct ct_alloc *alloc;		/* POOL */
	u32 sfirst, sblocks;		/* COPY and scratch: pool blocks */
	struct page **pages;		/* PINNED */
	unsigned int npages;
	void *vbase;			/* PINNED: vmap() of pages */
};

/* tensor_mem.c */
int ct_pool_init(unsigned int nblocks, unsigned int block_kb, unsigned int pin_limit_mb);
void ct_pool_exit(void);
void ct_file_init(struct ct_file *f);
void ct_file_release(struct ct_file *f);
int ct_ioc_alloc(struct ct_file *f, struct cogos_tensor_alloc __user *uarg);
int ct_ioc_free(struct ct_file *f, u64 __user *uarg);
int ct_mmap(struct file *file, struct vm_area_struct *vma);
int ct_buf_get(struct ct_file *f, const struct cogos_tensor_desc *d, bool output,
	       struct ct_buf *b, u64 *pinned);
int ct_buf_scratch(u64 bytes, struct ct_buf *b);
int ct_buf_put(struct ct_file *f, struct ct_buf *b, bool copy_out);
u32 ct_pool_used(void);

/* What a request computes; rows are split across the workers. */
enum ct_kind {
	CT_SUM_F32,		/* rows = elements */
	CT_SUM_I32,		/* rows = elements */
	CT_RELU,		/* rows = elements */
	CT_MM_F32,		/* out rows x n = a (rows x k) b (k x n) */
	CT_MM_I32,
	CT_DENSE,		/* CT_MM_F32 + bias (n), ReLU when relu */
	CT_SOFTMAX,		/* rows x n */
	CT_ARGMAX,		/* rows x n -> rows x 1 */
};

enum ct_job_state { CT_JOB_IDLE, CT_JOB_QUEUED, CT_JOB_RUNNING, CT_JOB_DONE, CT_JOB_CANCELLED };

struct ct_req;

struct ct_job {
	struct list_head node;
	struct ct_req *req;
	u64 row_begin, row_end;
	enum ct_job_state state;	/* under ct.q_lock */
};

struct ct_req {
	enum ct_kind kind;
	const void *a, *b, *bias;
	void *out;
	u64 rows;
	u32 k, n;
	bool relu;
	u32 prio;
	atomic_t pending;		/* queued or running jobs, + 1 while submitting */
	struct completion done;
	u32 njobs;			/* jobs set up */
	u32 nqueued;			/* jobs handed to the queue */
	u32 ncancelled;			/* jobs that did not run to the end */
	bool cancel;			/* set by ct_cancel_and_wait: running jobs stop early */
	atomic_t nstopped;		/* jobs that stopped early */
	bool ran;			/* every row computed */
	struct ct_job jobs[CT_MAX_WORKERS];
};

/* tensor_work.c */
int ct_workers_start(unsigned int nworkers, unsigned int queue_depth, int max_simd,
		     unsigned int inline_max_work);
void ct_workers_stop(void);
int ct_submit(struct ct_req *r);
int ct_wait(struct ct_req *r);
void ct_cancel_and_wait(struct ct_req *r);
u32 ct_queued(void);

#endif /* _COGOS_TENSOR_INTERNAL_H */
