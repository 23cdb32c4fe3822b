// SPDX-License-Identifier: GPL-2.0
/*
 * cogos_compute: the seed paper's "simple compute" system call, as the misc device
 * /dev/cogos_compute.
 *
 * A loadable module cannot add a system call (the syscall table is fixed at kernel build time and
 * not exported), so the call is the one ioctl COGOS_COMPUTE_IOC_RUN of
 * include/uapi/cogos_compute.h: add, subtract, multiply or divide two s64, with -EOVERFLOW when the
 * exact result does not fit and -EINVAL for an unknown op or a division by zero. The arithmetic
 * itself is cogos_compute() of the shared numeric source lib/cogos_validate.c (integer only, built
 * with the kernel's flags, so no FPU bracket is needed).
 */
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/uaccess.h>

#include "lib/cogos_kernels.h"

static long cogos_compute_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct cogos_compute_req __user *ureq = (void __user *)arg;
	struct cogos_compute_req req;
	s64 result;
	int err;

	if (cmd != COGOS_COMPUTE_IOC_RUN)
		return -ENOTTY;
	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (req.reserved)
		return -EINVAL;
	err = cogos_compute(req.op, req.a, req.b, &result);
	if (err)
		return err;
	if (put_user(result, &ureq->result))
		return -EFAULT;
	return 0;
}

static const struct file_operations cogos_compute_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= cogos_compute_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= noop_llseek,
};

static struct miscdevice cogos_compute_dev = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= COGOS_COMPUTE_DEVICE,
	.fops	= &cogos_compute_fops,
	/* root:root until udev/60-cogos.rules gives it to group cogos, like /dev/cogos_tensor */
	.mode	= 0660,
};

module_misc_device(cogos_compute_dev);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("cogos simple compute: +, -, *, / of s64 by ioctl on /dev/cogos_compute");
MODULE_AUTHOR("cogos");
