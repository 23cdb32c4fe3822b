// SPDX-License-Identifier: GPL-2.0
/*
 * cogos_tensor workers: a pool of kthreads serving a bounded job queue with one list per priority.
 *
 * A request (one op, or one stage of an MLP) is split by rows into at most one job per worker. The
 * submitter waits for a queue slot when the queue is full, then for its request's completion. A
 * request of little work (inline_max_work) runs on the submitter's thread instead, in one FPU
 * section.
 * Whatever happens to the submitter (a signal), it returns only once no worker can still touch its
 * request or its operands: queued jobs are taken back, running ones stop at their next section and
 * are waited for.
 *
 * Workers run the float kernels between kernel_fpu_begin() and kernel_fpu_end() in sections of
 * about CT_FPU_BUDGET multiply-adds, so preemption is never held off for long, with cond_resched()
 * between.
 *
 * Dedicated kthreads rather than a workqueue: the priorities and the bound need this queue, and
 * over it a workqueue would only lend shared kworkers (kmod/README.md, "Workers").
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kthread.h>
#include <linux/sched.h>
#include <asm/fpu/api.h>

#include "tensor.h"

/* Matrix-multiply sections take at least this many rows, so the register tiles stay full. */
#define CT_MM_MIN_ROWS	4

u32 ct_queued(void)
{
	u32 n;

	spin_lock(&ct.q_lock);
	n = ct.queued;
	spin_unlock(&ct.q_lock);
	return n;
}

static void ct_run_rows(const struct ct_req *r, u64 rb, u64 re)
{
	int simd = ct.simd;

	switch (r->kind) {
	case CT_SUM_F32:
		cogos_sum_f32(simd, (const float *)r->a + rb, (const float *)r->b + rb,
			      (float *)r->out + rb, re - rb);
		break;
	case CT_SUM_I32:
		cogos_sum_i32((const s32 *)r->a + rb, (const s32 *)r->b + rb, (s32 *)r->out + rb,
			      re - rb);
		break;
	case CT_RELU:
		cogos_relu_f32(simd, (const float *)r->a + rb, (float *)r->out + rb, re - rb);
		break;
	case CT_MM_F32:
		cogos_matmul_f32(simd, r->a, r->b, r->out, rb, re, r->k, r->n);
		break;
	case CT_MM_I32:
		cogos_matmul_i32(r->a, r->b, r->out, rb, re, r->k, r->n);
		break;
	case CT_DENSE:
		cogos_dense_f32(simd, r->a, r->b, r->bias, r->out, rb, re, r->k, r->n, r->relu);
		break;
	case CT_SOFTMAX:
		cogos_softmax_f32(r->a, r->out, rb, re, r->n);
		break;
	case CT_ARGMAX:
		cogos_argmax_f32(r->a, r->out, rb, re, r->n);
		break;
	}
}

/* Work of one row of r: multiply-adds or elements, at most 2^32. */
static u64 ct_row_work(const struct ct_req *r)
{
	switch (r->kind) {
	case CT_MM_F32:
	case CT_MM_I32:
	case CT_DENSE:
		return (u64)r->k * r->n;
	case CT_SOFTMAX:
		return 16 * (u64)r->n;	/* an exp per element */
	case CT_ARGMAX:
		return r->n;
	default:
		return 1;		/* element-wise: rows are elements */
	}
}

/* Rows per FPU section. */
static u64 ct_section_rows(const struct ct_req *r)
{
	bool mm = r->kind == CT_MM_F32 || r->kind == CT_MM_I32 || r->kind == CT_DENSE;

	return max_t(u64, CT_FPU_BUDGET / ct_row_work(r), mm ? CT_MM_MIN_ROWS : 1);
}

/* Runs a job section by section; stops early when its request is cancelled. */
static void ct_run_job(const struct ct_job *job)
{
	struct ct_req *r = job->req;
	u64 step = ct_section_rows(r);
	u64 rb, re;

	for (rb = job->row_begin; rb < job->row_end; rb = re) {
		if (READ_ONCE(r->cancel)) {
			atomic_inc(&r->nstopped);
			return;
		}
		re = min(rb + step, job->row_end);
		kernel_fpu_begin();
		ct_run_rows(r, rb, re);
		kernel_fpu_end();
		cond_resched();
	}
}

static void ct_job_put(struct ct_req *r)
{
	if (atomic_dec_and_test(&r->pending))
		complete(&r->done);
}

static struct ct_job *ct_dequeue(void)
{
	struct ct_job *job = NULL;
	int p;

	spin_lock(&ct.q_lock);
	for (p = COGOS_TENSOR_PRIO_MAX; p >= 0; p--) {
		job = list_first_entry_or_null(&ct.q[p], struct ct_job, node);
		if (job) {
			list_del(&job->node);
			job->state = CT_JOB_RUNNING;
			ct.queued--;
			break;
		}
	}
	spin_unlock(&ct.q_lock);
	return job;
}

static bool ct_has_work(void)
{
	return READ_ONCE(ct.queued) != 0;
}

static int ct_worker(void *unused)
{
	while (!kthread_should_stop()) {
		struct ct_job *job;

		wait_event_interruptible(ct.work_wq, ct_has_work() || kthread_should_stop());
		job = ct_dequeue();
		if (!job)
			continue;
		wake_up(&ct.slot_wq);
		ct_run_job(job);
		spin_lock(&ct.q_lock);
		job->state = CT_JOB_DONE;
		spin_unlock(&ct.q_lock);
		/* the last put may let the submitter free the request: touch nothing after it */
		ct_job_put(job->req);
	}
	return 0;
}

/*
 * Splits r by rows into at most one job per worker and queues them, waiting (interruptibly) for
 * slots; or, for a request of at most inline_max_work, runs it right here. Returns 0, or -EINTR
 * with some jobs possibly queued: the caller then calls ct_cancel_and_wait(). Either way the caller
 * waits for r with ct_wait() (done already when it ran here).
 */
int ct_submit(struct ct_req *r)
{
	u32 i;
	int err = 0;

	atomic_set(&r->pending, 1);
	atomic_set(&r->nstopped, 0);
	r->cancel = false;
	init_completion(&r->done);
	r->njobs = 0;
	r->nqueued = 0;
	r->ncancelled = 0;
	/*
	 * Handing work to a worker (queue, wake-up, completion, wake-up of the caller) costs
	 * more than a small op itself: about 80 us (emulated) for a 1x1 sum against 10 us for a
	 * whole compute ioctl. Small requests therefore run on the caller's thread, with the same
	 * kernels and the same bits (no result depends on the row split); at most CT_FPU_BUDGET
	 * of work, so this section is no longer than a worker's. rows * row work <= 2^48: no
	 * overflow. They skip the priority queue, which orders what goes to the workers.
	 */
	if (r->rows * ct_row_work(r) <= ct.inline_max_work) {
		kernel_fpu_begin();
		ct_run_rows(r, 0, r->rows);
		kernel_fpu_end();
		ct_job_put(r);
		return 0;
	}
	r->njobs = min_t(u64, r->rows, ct.nworkers);
	for (i = 0; i < r->njobs; i++) {
		struct ct_job *job = &r->jobs[i];

		job->req = r;
		job->row_begin = div_u64(r->rows * i, r->njobs);
		job->row_end = div_u64(r->rows * (i + 1), r->njobs);
		job->state = CT_JOB_IDLE;
	}
	for (i = 0; i < r->njobs; i++) {
		struct ct_job *job = &r->jobs[i];

		spin_lock(&ct.q_lock);
		while (ct.queued >= ct.queue_depth) {
			spin_unlock(&ct.q_lock);
			if (wait_event_interruptible(ct.slot_wq,
						     READ_ONCE(ct.queued) < ct.queue_depth)) {
				err = -EINTR;
				goto out;
			}
			spin_lock(&ct.q_lock);
		}
		atomic_inc(&r->pending);
		job->state = CT_JOB_QUEUED;
		list_add_tail(&job->node, &ct.q[r->prio]);
		ct.queued++;
		r->nqueued++;
		spin_unlock(&ct.q_lock);
		wake_up(&ct.work_wq);
	}
out:
	ct_job_put(r);	/* the submitter's reference */
	return err;
}

/*
 * Takes r's queued jobs back, tells its running ones to stop after their current section and waits
 * for them; r->ncancelled counts the jobs that did not run to the end.
 */
void ct_cancel_and_wait(struct ct_req *r)
{
	u32 i, cancelled = 0;

	WRITE_ONCE(r->cancel, true);
	spin_lock(&ct.q_lock);
	for (i = 0; i < r->nqueued; i++) {
		struct ct_job *job = &r->jobs[i];

		if (job->state == CT_JOB_QUEUED) {
			list_del(&job->node);
			job->state = CT_JOB_CANCELLED;
			ct.queued--;
			cancelled++;
		}
	}
	spin_unlock(&ct.q_lock);
	if (cancelled)
		wake_up(&ct.slot_wq);
	while (cancelled--)
		ct_job_put(r);
	wait_for_completion(&r->done);
	r->ncancelled = r->njobs - r->nqueued + atomic_read(&r->nstopped);
	for (i = 0; i < r->nqueued; i++)
		if (r->jobs[i].state == CT_JOB_CANCELLED)
			r->ncancelled++;
}

/*
 * Waits for r. On a signal, cancels it (ct_cancel_and_wait): -EINTR if any job did not run to the
 * end, 0 if all had finished anyway.
 */
int ct_wait(struct ct_req *r)
{
	if (!wait_for_completion_interruptible(&r->done))
		return 0;
	ct_cancel_and_wait(r);
	return r->ncancelled ? -EINTR : 0;
}

int ct_workers_start(unsigned int nworkers, unsigned int queue_depth, int max_simd,
		     unsigned int inline_max_work)
{
	u32 i;
	int p;

	spin_lock_init(&ct.q_lock);
	for (p = 0; p < CT_NPRIO; p++)
		INIT_LIST_HEAD(&ct.q[p]);
	init_waitqueue_head(&ct.work_wq);
	init_waitqueue_head(&ct.slot_wq);
	ct.queue_depth = queue_depth;
	ct.queued = 0;
	ct.inline_max_work = inline_max_work;

	ct.cpu_features = 0;
	if (cpu_has_xfeatures(XFEATURE_MASK_SSE | XFEATURE_MASK_YMM, NULL)) {
		if (boot_cpu_has(X86_FEATURE_AVX2))
			ct.cpu_features |= COGOS_CPU_AVX2;
		if (boot_cpu_has(X86_FEATURE_FMA))
			ct.cpu_features |= COGOS_CPU_FMA;
		if (boot_cpu_has(X86_FEATURE_AVX512F) &&
		    cpu_has_xfeatures(XFEATURE_MASK_SSE | XFEATURE_MASK_YMM | XFEATURE_MASK_AVX512,
				      NULL))
			ct.cpu_features |= COGOS_CPU_AVX512F;
	}
	ct.simd = cogos_simd_for(ct.cpu_features, max_simd);

	for (i = 0; i < nworkers; i++) {
		struct task_struct *t = kthread_run(ct_worker, NULL, "cogos_tensor/%u", i);

		if (IS_ERR(t)) {
			ct.nworkers = i;
			ct_workers_stop();
			return PTR_ERR(t);
		}
		ct.workers[i] = t;
	}
	ct.nworkers = nworkers;
	return 0;
}

/* At unload no file is open, so no request is queued or running. */
void ct_workers_stop(void)
{
	u32 i;

	for (i = 0; i < ct.nworkers; i++)
		kthread_stop(ct.workers[i]);
	ct.nworkers = 0;
}
