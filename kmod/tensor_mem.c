// SPDX-License-Identifier: GPL-2.0
/*
 * cogos_tensor memory: the block pool, the allocations callers own and mmap, and the three ways an
 * operand reaches the workers (COGOS_MEM_POOL, COGOS_MEM_COPY, COGOS_MEM_PINNED).
 *
 * The pool is one vmalloc_user() area of nblocks blocks, pre-allocated at load and tracked by a
 * bitmap. ALLOC hands out a contiguous run of blocks (zeroed: blocks go from one process to
 * another) owned by the open file; FREE and release give it back. COPY operands and the
 * intermediate activations of an MLP use scratch runs of the same pool, so a caller sees ENOMEM
 * when it is exhausted.
 *
 * Lock order: mmap_lock, then ct_file.lock, then ct.pool_lock. No user memory is touched while
 * ct_file.lock is held (a fault would take mmap_lock).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitmap.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/version.h>
#include <linux/vmalloc.h>

#include "tensor.h"

int ct_pool_init(unsigned int nblocks, unsigned int block_kb, unsigned int pin_limit_mb)
{
	ct.block_bytes = (u64)block_kb * 1024;
	ct.nblocks = nblocks;
	ct.pool_bytes = ct.block_bytes * nblocks;
	ct.pin_limit = (u64)pin_limit_mb << 20;
	spin_lock_init(&ct.pool_lock);
	ct.map = bitmap_zalloc(nblocks, GFP_KERNEL);
	if (!ct.map)
		return -ENOMEM;
	ct.pool = vmalloc_user(ct.pool_bytes);
	if (!ct.pool) {
		bitmap_free(ct.map);
		return -ENOMEM;
	}
	return 0;
}

void ct_pool_exit(void)
{
	vfree(ct.pool);
	bitmap_free(ct.map);
}

u32 ct_pool_used(void)
{
	u32 used;

	spin_lock(&ct.pool_lock);
	used = ct.blocks_used;
	spin_unlock(&ct.pool_lock);
	return used;
}

/* A contiguous run of blocks for bytes (> 0), or -ENOMEM. */
static int ct_pool_take(u64 bytes, u32 *first, u32 *nblocks)
{
	unsigned long start;
	u32 n;

	if (!bytes || bytes > ct.pool_bytes)
		return -ENOMEM;
	n = DIV_ROUND_UP_ULL(bytes, ct.block_bytes);
	spin_lock(&ct.pool_lock);
	start = bitmap_find_next_zero_area(ct.map, ct.nblocks, 0, n, 0);
	if (start >= ct.nblocks) {
		spin_unlock(&ct.pool_lock);
		return -ENOMEM;
	}
	bitmap_set(ct.map, start, n);
	ct.blocks_used += n;
	spin_unlock(&ct.pool_lock);
	*first = start;
	*nblocks = n;
	return 0;
}

static void ct_pool_give(u32 first, u32 nblocks)
{
	spin_lock(&ct.pool_lock);
	bitmap_clear(ct.map, first, nblocks);
	ct.blocks_used -= nblocks;
	spin_unlock(&ct.pool_lock);
}

static void *ct_block_addr(u32 block)
{
	return ct.pool + (u64)block * ct.block_bytes;
}

void ct_file_init(struct ct_file *f)
{
	mutex_init(&f->lock);
	INIT_LIST_HEAD(&f->allocs);
}

/*
 * The last reference to the file is gone: no call is in flight (an ioctl holds a reference) and no
 * mapping is left (each VMA holds one), so every allocation can go back to the pool.
 */
void ct_file_release(struct ct_file *f)
{
	struct ct_alloc *a, *tmp;

	list_for_each_entry_safe(a, tmp, &f->allocs, node) {
		WARN_ON_ONCE(a->maps || a->busy);
		list_del(&a->node);
		ct_pool_give(a->first, a->nblocks);
		kfree(a);
	}
	mutex_destroy(&f->lock);
}

int ct_ioc_alloc(struct ct_file *f, struct cogos_tensor_alloc __user *uarg)
{
	struct cogos_tensor_alloc req;
	struct ct_alloc *a;
	int err;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (!req.bytes)
		return -EINVAL;
	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	err = ct_pool_take(req.bytes, &a->first, &a->nblocks);
	if (err) {
		kfree(a);
		return err;
	}
	a->offset = (u64)a->first * ct.block_bytes;
	a->bytes = (u64)a->nblocks * ct.block_bytes;
	memset(ct_block_addr(a->first), 0, a->bytes);

	req.offset = a->offset;
	if (copy_to_user(uarg, &req, sizeof(req))) {
		ct_pool_give(a->first, a->nblocks);
		kfree(a);
		return -EFAULT;
	}
	mutex_lock(&f->lock);
	list_add_tail(&a->node, &f->allocs);
	mutex_unlock(&f->lock);
	return 0;
}

int ct_ioc_free(struct ct_file *f, u64 __user *uarg)
{
	struct ct_alloc *a, *found = NULL;
	u64 offset;
	int err = 0;

	if (get_user(offset, uarg))
		return -EFAULT;
	mutex_lock(&f->lock);
	list_for_each_entry(a, &f->allocs, node) {
		if (a->offset == offset) {
			found = a;
			break;
		}
	}
	if (!found)
		err = -EINVAL;
	else if (found->maps || found->busy)
		err = -EBUSY;
	else
		list_del(&found->node);
	mutex_unlock(&f->lock);
	if (err)
		return err;
	ct_pool_give(found->first, found->nblocks);
	kfree(found);
	return 0;
}

/* The caller's allocation holding [offset, offset + bytes), under f->lock. */
static struct ct_alloc *ct_find_alloc(struct ct_file *f, u64 offset, u64 bytes)
{
	struct ct_alloc *a;

	list_for_each_entry(a, &f->allocs, node) {
		if (offset >= a->offset && offset - a->offset < a->bytes &&
		    bytes <= a->bytes - (offset - a->offset))
			return a;
	}
	return NULL;
}

static void ct_vm_open(struct vm_area_struct *vma)
{
	struct ct_file *f = vma->vm_file->private_data;
	struct ct_alloc *a = vma->vm_private_data;

	mutex_lock(&f->lock);
	a->maps++;
	mutex_unlock(&f->lock);
}

static void ct_vm_close(struct vm_area_struct *vma)
{
	struct ct_file *f = vma->vm_file->private_data;
	struct ct_alloc *a = vma->vm_private_data;

	mutex_lock(&f->lock);
	a->maps--;
	mutex_unlock(&f->lock);
}

static const struct vm_operations_struct ct_vm_ops = {
	.open	= ct_vm_open,
	.close	= ct_vm_close,
};

/*
 * Maps [offset, offset + length) of one of the caller's allocations, shared (a private
 * copy-on-write mapping would not see the workers' writes). remap_vmalloc_range() inserts every
 * page now and sets VM_DONTEXPAND | VM_DONTDUMP, so the mapping can neither grow past the
 * allocation nor be dumped.
 */
int ct_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct ct_file *f = file->private_data;
	u64 length = vma->vm_end - vma->vm_start;
	struct ct_alloc *a;
	int err;

	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	if (vma->vm_pgoff >= (ct.pool_bytes >> PAGE_SHIFT))
		return -EINVAL;
	mutex_lock(&f->lock);
	a = ct_find_alloc(f, (u64)vma->vm_pgoff << PAGE_SHIFT, length);
	if (!a) {
		err = -EINVAL;
		goto out;
	}
	err = remap_vmalloc_range(vma, ct.pool, vma->vm_pgoff);
	if (err)
		goto out;
	vma->vm_private_data = a;
	vma->vm_ops = &ct_vm_ops;
	a->maps++;
out:
	mutex_unlock(&f->lock);
	return err;
}

/* Is any page of [start, end) in a mapping of this device? Under mmap_lock. */
static int ct_check_user_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma;

	while (start < end) {
		vma = vma_lookup(mm, start);
		if (!vma)
			return -EFAULT;
		/* pool memory is used through COGOS_MEM_POOL, whose lifetime the module tracks */
		if (vma->vm_ops == &ct_vm_ops)
			return -EINVAL;
		start = vma->vm_end;
	}
	return 0;
}

static int ct_pin(struct ct_buf *b, u64 uaddr, u64 bytes, u64 *pinned)
{
	unsigned long start = uaddr & PAGE_MASK;
	u64 span = (uaddr & ~PAGE_MASK) + bytes;
	unsigned long npages = DIV_ROUND_UP_ULL(span, PAGE_SIZE);
	struct mm_struct *mm = current->mm;
	long got = 0;
	int err;

	if ((u64)npages * PAGE_SIZE > ct.pin_limit - *pinned) {
		pr_debug("pinned operands exceed pin_limit_mb\n");
		return -EINVAL;
	}
	if (!mm || !access_ok((void __user *)(unsigned long)uaddr, bytes))
		return -EFAULT;
	b->pages = kvmalloc_array(npages, sizeof(*b->pages), GFP_KERNEL);
	if (!b->pages)
		return -ENOMEM;

	mmap_read_lock(mm);
	err = ct_check_user_range(mm, start, start + (npages << PAGE_SHIFT));
	if (!err) {
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 5, 0)
		got = pin_user_pages(start, npages, b->output ? FOLL_WRITE : 0, b->pages, NULL);
#else
		got = pin_user_pages(start, npages, b->output ? FOLL_WRITE : 0, b->pages);
#endif
	}
	mmap_read_unlock(mm);
	if (!err && got != npages) {
		if (got > 0)
			unpin_user_pages(b->pages, got);
		/* a short pin means an unmapped or (for an output) read-only page */
		err = got == -ENOMEM || got == -EINTR ? (int)got : -EFAULT;
	}
	if (err)
		goto free_pages;

	b->vbase = vmap(b->pages, npages, VM_MAP, PAGE_KERNEL);
	if (!b->vbase) {
		unpin_user_pages(b->pages, npages);
		err = -ENOMEM;
		goto free_pages;
	}
	b->npages = npages;
	b->kaddr = b->vbase + (uaddr & ~PAGE_MASK);
	*pinned += (u64)npages * PAGE_SIZE;
	return 0;

free_pages:
	kvfree(b->pages);
	b->pages = NULL;
	return err;
}

/* Scratch memory from the pool for bytes (COPY operands, MLP activations). */
int ct_buf_scratch(u64 bytes, struct ct_buf *b)
{
	int err = ct_pool_take(bytes, &b->sfirst, &b->sblocks);

	if (err)
		return err;
	b->mem = COGOS_MEM_COPY;
	b->bytes = bytes;
	b->kaddr = ct_block_addr(b->sfirst);
	return 0;
}

/*
 * Resolves an operand (already checked by cogos_validate_op/_mlp) to kernel memory: checks
 * ownership and bounds of pool offsets, copies COPY inputs in, pins PINNED pages. *pinned counts
 * the bytes this call has pinned so far.
 */
int ct_buf_get(struct ct_file *f, const struct cogos_tensor_desc *d, bool output,
	       struct ct_buf *b, u64 *pinned)
{
	u64 bytes;
	int err;

	memset(b, 0, sizeof(*b));
	err = cogos_desc_bytes(d, &bytes);
	if (err)
		return err;
	b->output = output;
	b->bytes = bytes;
	b->mem = d->mem;

	switch (d->mem) {
	case COGOS_MEM_POOL:
		mutex_lock(&f->lock);
		b->alloc = ct_find_alloc(f, d->addr, bytes);
		if (b->alloc)
			b->alloc->busy++;
		mutex_unlock(&f->lock);
		if (!b->alloc) {
			pr_debug("pool range %llu + %llu not in one of the caller's allocations\n",
				 d->addr, bytes);
			return -EINVAL;
		}
		b->kaddr = ct.pool + d->addr;
		return 0;
	case COGOS_MEM_COPY:
		if (!access_ok((void __user *)(unsigned long)d->addr, bytes))
			return -EFAULT;
		err = ct_buf_scratch(bytes, b);
		if (err)
			return err;
		b->mem = COGOS_MEM_COPY;
		b->uaddr = d->addr;
		if (!output &&
		    copy_from_user(b->kaddr, (void __user *)(unsigned long)d->addr, bytes)) {
			ct_buf_put(f, b, false);
			return -EFAULT;
		}
		return 0;
	case COGOS_MEM_PINNED:
		return ct_pin(b, d->addr, bytes, pinned);
	}
	return -EINVAL;
}

/*
 * Releases an operand; with copy_out, a COPY output is first copied back to the caller (-EFAULT if
 * that fails). Pages written through a PINNED output are marked dirty.
 */
int ct_buf_put(struct ct_file *f, struct ct_buf *b, bool copy_out)
{
	int err = 0;

	if (!b->kaddr)
		return 0;
	switch (b->mem) {
	case COGOS_MEM_POOL:
		mutex_lock(&f->lock);
		b->alloc->busy--;
		mutex_unlock(&f->lock);
		break;
	case COGOS_MEM_COPY:
		if (copy_out && b->output &&
		    copy_to_user((void __user *)(unsigned long)b->uaddr, b->kaddr, b->bytes))
			err = -EFAULT;
		ct_pool_give(b->sfirst, b->sblocks);
		break;
	case COGOS_MEM_PINNED:
		vunmap(b->vbase);
		if (b->output)
			unpin_user_pages_dirty_lock(b->pages, b->npages, true);
		else
			unpin_user_pages(b->pages, b->npages);
		kvfree(b->pages);
		break;
	}
	b->kaddr = NULL;
	return err;
}
