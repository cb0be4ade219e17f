/*
 * System sleep's public interface (include/linux/suspend.h): the PM
 * notifier chain and its events; the suspend sequence itself comes with
 * kernel/power/suspend.c.
 */
#ifndef _LINUX_SUSPEND_H
#define _LINUX_SUSPEND_H

#include <linux/notifier.h>

#define PM_HIBERNATION_PREPARE 0x0001
#define PM_POST_HIBERNATION 0x0002
#define PM_SUSPEND_PREPARE 0x0003
#define PM_POST_SUSPEND 0x0004
#define PM_RESTORE_PREPARE 0x0005
#define PM_POST_RESTORE 0x0006

int register_pm_notifier(struct notifier_block *nb);
int unregister_pm_notifier(struct notifier_block *nb);
/* Call the chain with val_up; if a callback refuses, call the ones before
 * it with val_down and return its error (Linux's robust variant). */
int pm_notifier_call_chain_robust(unsigned long val_up, unsigned long val_down);
int pm_notifier_call_chain(unsigned long val);

#endif
