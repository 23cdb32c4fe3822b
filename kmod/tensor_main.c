// SPDX-License-Identifier: GPL-2.0
/*
 * cogos_tensor: tensor operations for cogos as the misc device /dev/cogos_tensor. The ABI, with its
 * errors, is include/uapi/cogos_tensor.h; the numbers come from lib/cogos_kernels.c, the source
 * that native-bridge's user-space backend compiles too.
 *
 * Every ioctl validates its whole input before any worker sees it: the fields and shapes with
 * cogos_validate_op/_mlp (lib/cogos_validate.c, which native-bridge compiles too), then the address
 * checks of each operand's memory kind.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "tensor.h"

struct ct_dev ct;

static unsigned int pool_blocks = 256;
module_param(pool_blocks, uint, 0444);
MODULE_PARM_DESC(pool_blocks, "Blocks in the pre-allocated pool (1..65536, default 256)");

static unsigned int block_kb = 64;
module_param(block_kb, uint, 0444);
MODULE_PARM_DESC(block_kb,
		 "Block size in KiB, a multiple of the page size (4..16384, default 64); "
		 "pool_blocks * block_kb <= 1 GiB");

static unsigned int workers;
module_param(workers, uint, 0444);
MODULE_PARM_DESC(workers, "Worker kthreads (1..8; default 0 = min(online CPUs, 4))");

static unsigned int queue_depth = 64;
module_param(queue_depth, uint, 0444);
MODULE_PARM_DESC(queue_depth, "Bound of the job queue (1..4096, default 64)");

static unsigned int max_simd = COGOS_SIMD_AVX512;
module_param(max_simd, uint, 0444);
MODULE_PARM_DESC(max_simd,
		 "Highest SIMD level to use: 0 scalar, 1 AVX2+FMA, 2 AVX-512F (default 2)");

static unsigned int pin_limit_mb = 64;
module_param(pin_limit_mb, uint, 0444);
MODULE_PARM_DESC(pin_limit_mb, "MiB of user pages one call may pin (1..1024, default 64)");

/*
 * 2^16 multiply-adds take 3-40 us on a real core (AVX-512 .. scalar), about what handing them to a
 * worker and waiting costs; beyond that the workers' split starts to pay. At most CT_FPU_BUDGET.
 */
static unsigned int inline_max_work = 65536;
module_param(inline_max_work, uint, 0444);
MODULE_PARM_DESC(inline_max_work,
		 "Ops of at most this many multiply-adds or elements run on the caller's thread, "
		 "not the workers (0..1048576, default 65536; 0 = always the workers)");

#define CT_POOL_MAX_BYTES	(1ull << 30)

static const char * const ct_simd_names[] = { "scalar", "avx2", "avx512" };

/* Operands of one op: a, b, bias, out. */
#define CT_OPERANDS	4

/*
 * RUN and BATCH
 */

static void ct_req_from_op(struct ct_req *r, const struct cogos_tensor_op *op, struct ct_buf *bufs)
{
	memset(r, 0, sizeof(*r));
	r->a = bufs[0].kaddr;
	r->b = bufs[1].kaddr;
	r->bias = bufs[2].kaddr;
	r->out = bufs[3].kaddr;
	r->prio = op->priority;
	switch (op->opcode) {
	case COGOS_OP_SUM:
		r->kind = op->dtype == COGOS_DT_I32 ? CT_SUM_I32 : CT_SUM_F32;
		r->rows = (u64)op->a.rows * op->a.cols;
		break;
	case COGOS_OP_RELU:
		r->kind = CT_RELU;
		r->rows = (u64)op->a.rows * op->a.cols;
		break;
	case COGOS_OP_MATRIX_MULT:
	case COGOS_OP_DENSE:
		r->kind = op->opcode == COGOS_OP_DENSE ? CT_DENSE :
			  op->dtype == COGOS_DT_I32 ? CT_MM_I32 : CT_MM_F32;
		r->rows = op->a.rows;
		r->k = op->a.cols;
		r->n = op->b.cols;
		r->relu = op->flags & COGOS_OPF_RELU;
		break;
	case COGOS_OP_SOFTMAX:
	case COGOS_OP_ARGMAX:
		r->kind = op->opcode == COGOS_OP_SOFTMAX ? CT_SOFTMAX : CT_ARGMAX;
		r->rows = op->a.rows;
		r->n = op->a.cols;
		break;
	}
}

static int ct_get_op_bufs(struct ct_file *f, const struct cogos_tensor_op *op,
			  struct ct_buf *bufs, u64 *pinned)
{
	bool use_b = op->opcode == COGOS_OP_SUM || op->opcode == COGOS_OP_MATRIX_MULT ||
		     op->opcode == COGOS_OP_DENSE;
	int err;

	err = ct_buf_get(f, &op->a, false, &bufs[0], pinned);
	if (!err && use_b)
		err = ct_buf_get(f, &op->b, false, &bufs[1], pinned);
	if (!err && op->opcode == COGOS_OP_DENSE)
		err = ct_buf_get(f, &op->bias, false, &bufs[2], pinned);
	if (!err)
		err = ct_buf_get(f, &op->out, true, &bufs[3], pinned);
	return err;
}

/* Releases the operands of one op; copies COPY outputs back when ok. */
static int ct_put_op_bufs(struct ct_file *f, struct ct_buf *bufs, bool ok)
{
	int i, err = 0;

	for (i = 0; i < CT_OPERANDS; i++) {
		int e = ct_buf_put(f, &bufs[i], ok);

		if (e && !err)
			err = e;
	}
	return err;
}

/* order[] = 0 .. count-1 by descending priority, stable (count <= COGOS_TENSOR_MAX_BATCH). */
static void ct_order_by_prio(const struct cogos_tensor_op *ops, u32 *order, u32 count)
{
	u32 i, j;

	for (i = 0; i < count; i++) {
		for (j = i; j > 0 && ops[order[j - 1]].priority < ops[i].priority; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
}

/*
 * Runs count independent ops: validates all, resolves every operand, queues every op (highest
 * priority first), waits for all, copies COPY outputs back. *completed counts the ops that finished
 * successfully.
 */
static int ct_run_ops(struct ct_file *f, const struct cogos_tensor_op *ops, u32 count,
		      u32 *completed)
{
	struct ct_buf *bufs;
	struct ct_req *reqs;
	u32 *order;
	const char *why;
	u64 pinned = 0;
	u32 i, nget = 0, nsub = 0, done = 0;
	int err = 0;

	*completed = 0;
	for (i = 0; i < count; i++) {
		err = cogos_validate_op(&ops[i], &why);
		if (err) {
			pr_debug("op %u refused: %s\n", i, why);
			return err;
		}
	}

	bufs = kvcalloc((size_t)count * CT_OPERANDS, sizeof(*bufs), GFP_KERNEL);
	reqs = kvcalloc(count, sizeof(*reqs), GFP_KERNEL);
	order = kcalloc(count, sizeof(*order), GFP_KERNEL);
	if (!bufs || !reqs || !order) {
		err = -ENOMEM;
		goto free;
	}

	for (nget = 0; nget < count; nget++) {
		err = ct_get_op_bufs(f, &ops[nget], &bufs[nget * CT_OPERANDS], &pinned);
		if (err) {
			ct_put_op_bufs(f, &bufs[nget * CT_OPERANDS], false);
			goto put;
		}
		ct_req_from_op(&reqs[nget], &ops[nget], &bufs[nget * CT_OPERANDS]);
	}
	ct_order_by_prio(ops, order, count);

	/* nsub: requests handed to ct_submit; after an error the rest are taken back */
	for (nsub = 0; nsub < count && !err; nsub++)
		err = ct_submit(&reqs[order[nsub]]);
	for (i = 0; i < nsub; i++) {
		struct ct_req *r = &reqs[order[i]];

		if (err)
			ct_cancel_and_wait(r);
		else
			err = ct_wait(r);
		r->ran = !r->ncancelled;
	}

put:
	for (i = 0; i < nget; i++) {
		int e = ct_put_op_bufs(f, &bufs[i * CT_OPERANDS], reqs[i].ran);

		if (e && !err)
			err = e;
		if (reqs[i].ran && !e)
			done++;
	}
free:
	kfree(order);
	kvfree(reqs);
	kvfree(bufs);
	*completed = done;
	atomic64_add(done, &ct.calls);
	return err;
}

static long ct_ioc_run(struct ct_file *f, struct cogos_tensor_op __user *uop)
{
	struct cogos_tensor_op op;
	u32 completed;

	if (copy_from_user(&op, uop, sizeof(op)))
		return -EFAULT;
	return ct_run_ops(f, &op, 1, &completed);
}

static long ct_ioc_batch(struct ct_file *f, struct cogos_tensor_batch __user *ubatch)
{
	struct cogos_tensor_batch batch;
	struct cogos_tensor_op *ops;
	int err;

	if (copy_from_user(&batch, ubatch, sizeof(batch)))
		return -EFAULT;
	if (!batch.count || batch.count > COGOS_TENSOR_MAX_BATCH) {
		pr_debug("batch count must be 1 .. COGOS_TENSOR_MAX_BATCH\n");
		return -EINVAL;
	}
	ops = memdup_user(u64_to_user_ptr(batch.ops), batch.count * sizeof(*ops));
	if (IS_ERR(ops))
		return PTR_ERR(ops);
	err = ct_run_ops(f, ops, batch.count, &batch.completed);
	kfree(ops);
	if (put_user(batch.completed, &ubatch->completed) && !err)
		err = -EFAULT;
	return err;
}

/*
 * MLP
 */

enum { CT_MLP_IN, CT_MLP_OUT, CT_MLP_CLASSES, CT_MLP_ACT0, CT_MLP_ACT1, CT_MLP_LAYER0,
       CT_MLP_NBUFS = CT_MLP_LAYER0 + 2 * COGOS_TENSOR_MAX_LAYERS };

/* Queues one stage and waits for it; whatever happens, no worker touches it afterwards. */
static int ct_run_stage(struct ct_req *r)
{
	int err = ct_submit(r);

	if (err) {
		ct_cancel_and_wait(r);
		return err;
	}
	return ct_wait(r);
}

static int ct_mlp_stages(const struct cogos_tensor_mlp *mlp, struct ct_buf *bufs, struct ct_req *r)
{
	u32 i, batch = mlp->input.rows;
	int err = 0;

	for (i = 0; i < mlp->nlayers && !err; i++) {
		const struct cogos_tensor_layer *l = &mlp->layers[i];

		memset(r, 0, sizeof(*r));
		r->kind = CT_DENSE;
		r->a = i == 0 ? bufs[CT_MLP_IN].kaddr : bufs[CT_MLP_ACT0 + (i - 1) % 2].kaddr;
		r->b = bufs[CT_MLP_LAYER0 + 2 * i].kaddr;
		r->bias = bufs[CT_MLP_LAYER0 + 2 * i + 1].kaddr;
		r->out = i == mlp->nlayers - 1 ? bufs[CT_MLP_OUT].kaddr :
						 bufs[CT_MLP_ACT0 + i % 2].kaddr;
		r->rows = batch;
		r->k = l->weights.rows;
		r->n = l->weights.cols;
		r->relu = l->activation == COGOS_ACT_RELU;
		r->prio = mlp->priority;
		err = ct_run_stage(r);
	}
	if (!err && (mlp->flags & COGOS_MLPF_SOFTMAX)) {
		memset(r, 0, sizeof(*r));
		r->kind = CT_SOFTMAX;
		r->a = bufs[CT_MLP_OUT].kaddr;
		/* in place: each row is read before it is written */
		r->out = bufs[CT_MLP_OUT].kaddr;
		r->rows = batch;
		r->n = mlp->output.cols;
		r->prio = mlp->priority;
		err = ct_run_stage(r);
	}
	if (!err && (mlp->flags & COGOS_MLPF_ARGMAX)) {
		memset(r, 0, sizeof(*r));
		r->kind = CT_ARGMAX;
		r->a = bufs[CT_MLP_OUT].kaddr;
		r->out = bufs[CT_MLP_CLASSES].kaddr;
		r->rows = batch;
		r->n = mlp->output.cols;
		r->prio = mlp->priority;
		err = ct_run_stage(r);
	}
	return err;
}

static long ct_ioc_mlp(struct ct_file *f, struct cogos_tensor_mlp __user *umlp)
{
	struct cogos_tensor_mlp *mlp;
	struct ct_buf *bufs = NULL;
	struct ct_req *r = NULL;
	const char *why;
	u64 pinned = 0, act_bytes = 0;
	u32 i;
	int err;

	mlp = memdup_user(umlp, sizeof(*mlp));
	if (IS_ERR(mlp))
		return PTR_ERR(mlp);
	err = cogos_validate_mlp(mlp, &why);
	if (err) {
		pr_debug("MLP refused: %s\n", why);
		goto free;
	}
	bufs = kcalloc(CT_MLP_NBUFS, sizeof(*bufs), GFP_KERNEL);
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!bufs || !r) {
		err = -ENOMEM;
		goto free;
	}

	err = ct_buf_get(f, &mlp->input, false, &bufs[CT_MLP_IN], &pinned);
	for (i = 0; i < mlp->nlayers && !err; i++) {
		err = ct_buf_get(f, &mlp->layers[i].weights, false, &bufs[CT_MLP_LAYER0 + 2 * i],
				 &pinned);
		if (!err)
			err = ct_buf_get(f, &mlp->layers[i].bias, false,
					 &bufs[CT_MLP_LAYER0 + 2 * i + 1], &pinned);
		/* activations between layers: batch x the widest hidden layer */
		if (i + 1 < mlp->nlayers)
			act_bytes = max_t(u64, act_bytes,
					  (u64)mlp->input.rows * mlp->layers[i].weights.cols * 4);
	}
	if (!err)
		err = ct_buf_get(f, &mlp->output, true, &bufs[CT_MLP_OUT], &pinned);
	if (!err && (mlp->flags & COGOS_MLPF_ARGMAX))
		err = ct_buf_get(f, &mlp->classes, true, &bufs[CT_MLP_CLASSES], &pinned);
	if (!err && mlp->nlayers >= 2)
		err = ct_buf_scratch(act_bytes, &bufs[CT_MLP_ACT0]);
	if (!err && mlp->nlayers >= 3)
		err = ct_buf_scratch(act_bytes, &bufs[CT_MLP_ACT1]);
	if (!err)
		err = ct_mlp_stages(mlp, bufs, r);

	for (i = 0; i < CT_MLP_NBUFS; i++) {
		int e = ct_buf_put(f, &bufs[i], !err);

		if (e && !err)
			err = e;
	}
	if (!err)
		atomic64_inc(&ct.calls);
free:
	kfree(r);
	kfree(bufs);
	kfree(mlp);
	return err;
}

/*
 * Device
 */

static long ct_ioc_info(struct cogos_tensor_info __user *uinfo)
{
	struct cogos_tensor_info info = {
		.abi_version	= COGOS_TENSOR_ABI_VERSION,
		.simd		= ct.simd,
		.cpu_features	= ct.cpu_features,
		.workers	= ct.nworkers,
		.queue_depth	= ct.queue_depth,
		.queued		= ct_queued(),
		.pool_blocks	= ct.nblocks,
		.blocks_used	= ct_pool_used(),
		.block_bytes	= ct.block_bytes,
		.calls		= atomic64_read(&ct.calls),
		.errors		= atomic64_read(&ct.errors),
	};

	return copy_to_user(uinfo, &info, sizeof(info)) ? -EFAULT : 0;
}

static long ct_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct ct_file *f = file->private_data;
	void __user *uarg = (void __user *)arg;
	long ret;

	switch (cmd) {
	case COGOS_TENSOR_IOC_INFO:
		ret = ct_ioc_info(uarg);
		break;
	case COGOS_TENSOR_IOC_ALLOC:
		ret = ct_ioc_alloc(f, uarg);
		break;
	case COGOS_TENSOR_IOC_FREE:
		ret = ct_ioc_free(f, uarg);
		break;
	case COGOS_TENSOR_IOC_RUN:
		ret = ct_ioc_run(f, uarg);
		break;
	case COGOS_TENSOR_IOC_BATCH:
		ret = ct_ioc_batch(f, uarg);
		break;
	case COGOS_TENSOR_IOC_MLP:
		ret = ct_ioc_mlp(f, uarg);
		break;
	default:
		ret = -ENOTTY;
		break;
	}
	if (ret < 0)
		atomic64_inc(&ct.errors);
	return ret;
}

static int ct_open(struct inode *inode, struct file *file)
{
	struct ct_file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return -ENOMEM;
	ct_file_init(f);
	file->private_data = f;
	return 0;
}

static int ct_release(struct inode *inode, struct file *file)
{
	struct ct_file *f = file->private_data;

	ct_file_release(f);
	kfree(f);
	return 0;
}

static const struct file_operations ct_fops = {
	.owner		= THIS_MODULE,
	.open		= ct_open,
	.release	= ct_release,
	.unlocked_ioctl	= ct_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.mmap		= ct_mmap,
	.llseek		= noop_llseek,
};

static struct miscdevice ct_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= COGOS_TENSOR_DEVICE,
	.fops	= &ct_fops,
	/*
	 * Not 0666: whoever opens it can pin user pages, take pool blocks and occupy the workers.
	 * root:root until udev/60-cogos.rules gives it to group cogos (README.md, Device access).
	 */
	.mode	= 0660,
};

static int __init ct_check_params(unsigned int nworkers)
{
	if (!pool_blocks || pool_blocks > 65536) {
		pr_err("pool_blocks=%u: must be 1..65536\n", pool_blocks);
		return -EINVAL;
	}
	if (block_kb < 4 || block_kb > 16384 || ((u64)block_kb * 1024) % PAGE_SIZE) {
		pr_err("block_kb=%u: must be 4..16384 and a multiple of %lu\n", block_kb,
		       PAGE_SIZE / 1024);
		return -EINVAL;
	}
	if ((u64)pool_blocks * block_kb * 1024 > CT_POOL_MAX_BYTES) {
		pr_err("pool_blocks * block_kb exceeds 1 GiB\n");
		return -EINVAL;
	}
	if (nworkers < 1 || nworkers > CT_MAX_WORKERS) {
		pr_err("workers=%u: must be 1..%d\n", nworkers, CT_MAX_WORKERS);
		return -EINVAL;
	}
	if (!queue_depth || queue_depth > 4096) {
		pr_err("queue_depth=%u: must be 1..4096\n", queue_depth);
		return -EINVAL;
	}
	if (max_simd > COGOS_SIMD_AVX512) {
		pr_err("max_simd=%u: must be 0..2\n", max_simd);
		return -EINVAL;
	}
	if (!pin_limit_mb || pin_limit_mb > 1024) {
		pr_err("pin_limit_mb=%u: must be 1..1024\n", pin_limit_mb);
		return -EINVAL;
	}
	if (inline_max_work > CT_FPU_BUDGET) {
		pr_err("inline_max_work=%u: must be 0..%u\n", inline_max_work, CT_FPU_BUDGET);
		return -EINVAL;
	}
	return 0;
}

static int __init ct_init(void)
{
	unsigned int nworkers = workers ? workers : min(num_online_cpus(), 4u);
	int err;

	err = ct_check_params(nworkers);
	if (err)
		return err;
	err = ct_pool_init(pool_blocks, block_kb, pin_limit_mb);
	if (err)
		return err;
	err = ct_workers_start(nworkers, queue_depth, max_simd, inline_max_work);
	if (err)
		goto pool;
	err = misc_register(&ct_misc);
	if (err)
		goto workers;
	pr_info("simd %s (cpu:%s%s%s%s, max_simd %u), workers %u, queue depth %u, inline_max_work %u, pool %u x %u KiB\n",
		ct_simd_names[ct.simd], ct.cpu_features ? "" : " no avx",
		ct.cpu_features & COGOS_CPU_AVX2 ? " avx2" : "",
		ct.cpu_features & COGOS_CPU_FMA ? " fma" : "",
		ct.cpu_features & COGOS_CPU_AVX512F ? " avx512f" : "",
		max_simd, ct.nworkers, ct.queue_depth, inline_max_work, ct.nblocks, block_kb);
	return 0;

workers:
	ct_workers_stop();
pool:
	ct_pool_exit();
	return err;
}

static void __exit ct_exit(void)
{
	misc_deregister(&ct_misc);
	ct_workers_stop();
	ct_pool_exit();
}

module_init(ct_init);
module_exit(ct_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("cogos tensor ops: SIMD matmul, MLP forward, workers, mmapped block pool");
MODULE_AUTHOR("cogos");
