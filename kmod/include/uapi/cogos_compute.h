/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * cogos_compute: the seed paper's "simple compute" system call, as a misc device.
 *
 * A loadable module cannot add a system call, so the call is an ioctl on /dev/cogos_compute.
 * This header is the whole ABI; native-bridge includes it verbatim.
 */
#ifndef _UAPI_COGOS_COMPUTE_H
#define _UAPI_COGOS_COMPUTE_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/ioctl.h>
#else
#include <linux/types.h>
#include <sys/ioctl.h>
#endif

#define COGOS_COMPUTE_DEVICE	"cogos_compute"

/* Operations on two signed 64-bit integers. */
enum cogos_compute_op {
	COGOS_OP_ADD		= 0,
	COGOS_OP_SUBTRACT	= 1,
	COGOS_OP_MULTIPLY	= 2,
	COGOS_OP_DIVIDE		= 3,
};

/*
 * Errors: -EINVAL for an unknown op, non-zero reserved fields or division by zero; -EOVERFLOW when the exact
 * result does not fit in 64 bits (including INT64_MIN / -1). Division truncates toward zero, as in C.
 * On error, result is left unchanged.
 */
struct cogos_compute_req {
	__u32 op;		/* enum cogos_compute_op */
	__u32 reserved;		/* must be 0 */
	__s64 a;
	__s64 b;
	__s64 result;		/* out */
};

/*
 * ioctl type 0xC2, free in the kernel's Documentation/userspace-api/ioctl/ioctl-number.rst: nothing is
 * registered between 0xC0 (linux/usb/iowarrior.h) and 0xCA (cxl), and no uapi header of Debian's 6.1
 * kernel uses 0xC1 or 0xC2 either. cogos_tensor.h takes 0xC1. A type of its own makes an ioctl sent
 * to the wrong device fail with ENOTTY instead of being taken for another driver's request, and lets
 * strace name it.
 */
#define COGOS_COMPUTE_IOC_MAGIC	0xC2
#define COGOS_COMPUTE_IOC_RUN	_IOWR(COGOS_COMPUTE_IOC_MAGIC, 0x01, struct cogos_compute_req)

#endif /* _UAPI_COGOS_COMPUTE_H */
