// SPDX-License-Identifier: Apache-2.0
/* errno -> Java exception, the mapping the TensorEngine API documents. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "bridge.h"

const char *bridge_errno_name(int err)
{
	const char *name = strerrorname_np(err);

	return name ? name : "unknown errno";
}

const char *bridge_errno_text(int err)
{
	const char *text = strerrordesc_np(err);

	return text ? text : "unknown error";
}

void bridge_throw(JNIEnv *env, const char *class_name, const char *msg)
{
	jclass cls = (*env)->FindClass(env, class_name);

	/* FindClass failed: its NoClassDefFoundError is pending and says which class */
	if (!cls)
		return;
	(*env)->ThrowNew(env, cls, msg);
	(*env)->DeleteLocalRef(env, cls);
}

static const char *class_for(int err)
{
	switch (err) {
	case EINVAL:
		return BRIDGE_IAE;
	case ENOMEM:
		return BRIDGE_TPEE;
	case EOVERFLOW:
		return BRIDGE_ARITH;
	default:
		return BRIDGE_TEE;
	}
}

#define TEXT_LEN	1280

static void name_errno(char text[TEXT_LEN], int err, const char *msg)
{
	snprintf(text, TEXT_LEN, "%s: %s (%s, errno %d)", msg, bridge_errno_text(err),
		 bridge_errno_name(err), err);
}

static void throw_naming_errno(JNIEnv *env, const char *class_name, int err, const char *msg)
{
	char text[TEXT_LEN];

	name_errno(text, err, msg);
	bridge_throw(env, class_name, text);
}

void bridge_throw_errno(JNIEnv *env, int err, const char *msg)
{
	/* an IAE or ArithmeticException carries the reason alone; the others name the errno */
	if (err == EINVAL || err == EOVERFLOW)
		bridge_throw(env, class_for(err), msg);
	else
		throw_naming_errno(env, class_for(err), err, msg);
}

void bridge_throw_engine(JNIEnv *env, int err, const char *msg)
{
	throw_naming_errno(env, BRIDGE_TEE, err, msg);
}

void bridge_throw_open(JNIEnv *env, int err, const char *msg)
{
	jclass cls = (*env)->FindClass(env, BRIDGE_KOE);
	jmethodID init = cls ? (*env)->GetMethodID(env, cls, "<init>", "(Ljava/lang/String;I)V") : NULL;
	char text[TEXT_LEN];
	jstring jtext;
	jobject e;

	/* a failed JNI call leaves its own exception pending: NoClassDefFoundError, OOM, ... */
	if (!init)
		return;
	name_errno(text, err, msg);
	jtext = (*env)->NewStringUTF(env, text);
	e = jtext ? (*env)->NewObject(env, cls, init, jtext, (jint)err) : NULL;
	if (e)
		(*env)->Throw(env, e);
}

void bridge_suppress_errno(JNIEnv *env, int err, const char *msg)
{
	jthrowable pending = (*env)->ExceptionOccurred(env);
	jthrowable second;
	jclass cls;
	jmethodID add;

	if (!pending) {
		bridge_throw_errno(env, err, msg);
		return;
	}
	(*env)->ExceptionClear(env);
	bridge_throw_errno(env, err, msg);
	second = (*env)->ExceptionOccurred(env);
	(*env)->ExceptionClear(env);
	cls = (*env)->FindClass(env, "java/lang/Throwable");
	add = cls ? (*env)->GetMethodID(env, cls, "addSuppressed", "(Ljava/lang/Throwable;)V") : NULL;
	if (add && second)
		(*env)->CallVoidMethod(env, pending, add, second);
	/* whatever happened above, the first exception is the one the caller sees */
	(*env)->ExceptionClear(env);
	(*env)->Throw(env, pending);
}
