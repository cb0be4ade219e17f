/*
 * Modules (include/linux/module.h): pmfw links every driver in, so a
 * "module" is a built-in one. module_init is a device_initcall; module_exit
 * and the MODULE_* tags are kept so that drivers read as Linux's, and cost
 * nothing.
 */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/init.h>

struct module;
#define THIS_MODULE ((struct module *)0)

#define module_exit(fn) static void (*const __maybe_unused __exitcall_##fn)(void) = fn
#define MODULE_LICENSE(s)
#define MODULE_AUTHOR(s)
#define MODULE_DESCRIPTION(s)
#define MODULE_ALIAS(s)
#define MODULE_DEVICE_TABLE(type, name)

#endif
