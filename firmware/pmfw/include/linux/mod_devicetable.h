/* Device ID tables that drivers match against (include/linux/mod_devicetable.h). */
#ifndef _LINUX_MOD_DEVICETABLE_H
#define _LINUX_MOD_DEVICETABLE_H

#include <linux/types.h>

/* A device-tree match: compatible (and optionally name/type); ends with
 * an empty entry. */
struct of_device_id {
	char name[32];
	char type[32];
	char compatible[128];
	const void *data;
};

#define PLATFORM_NAME_SIZE 20
/* A platform device's name match; ends with an empty entry. */
struct platform_device_id {
	char name[PLATFORM_NAME_SIZE];
	unsigned long driver_data;
};

#endif
