/*
 * Matching devices against device-tree ID tables (Linux's drivers/of/
 * base.c __of_match_node and drivers/of/device.c): an entry fits a node
 * if its compatible is one of the node's (and its name, if it gives one,
 * is the node's); the entry naming the node's earliest compatible string
 * wins, so "arm,pl011" beats "arm,primecell".
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/string.h>

static int of_match_score(const struct of_device_id *m, const struct device_node *np)
{
	int score = 0;
	if (m->compatible[0]) {
		score = of_device_is_compatible(np, m->compatible);
		if (!score)
			return 0;
		score *= 4;
	}
	if (m->name[0]) {
		if (!of_node_name_eq(np, m->name))
			return 0;
		score++;
	}
	if (m->type[0]) {
		const char *type;
		if (of_property_read_string(np, "device_type", &type) || strcmp(type, m->type))
			return 0;
		score += 2;
	}
	return score;
}

const struct of_device_id *of_match_node(const struct of_device_id *matches,
					 const struct device_node *node)
{
	const struct of_device_id *best = NULL;
	int best_score = 0;
	if (!matches || !node)
		return NULL;
	for (; matches->name[0] || matches->type[0] || matches->compatible[0]; matches++) {
		int score = of_match_score(matches, node);
		if (score > best_score) {
			best = matches;
			best_score = score;
		}
	}
	return best;
}

const struct of_device_id *of_match_device(const struct of_device_id *matches,
					   const struct device *dev)
{
	if (!matches || !dev->of_node)
		return NULL;
	return of_match_node(matches, dev->of_node);
}

int of_driver_match_device(struct device *dev, const struct device_driver *drv)
{
	return of_match_device(drv->of_match_table, dev) != NULL;
}

const void *of_device_get_match_data(const struct device *dev)
{
	const struct of_device_id *m;
	if (!dev->driver)
		return NULL;
	m = of_match_device(dev->driver->of_match_table, dev);
	return m ? m->data : NULL;
}

ssize_t of_device_modalias(struct device *dev, char *str, ssize_t len)
{
	const struct device_node *np = dev->of_node;
	const char *type, *compat;
	if (!np)
		return -ENODEV;
	if (of_property_read_string(np, "device_type", &type))
		type = "(null)";
	ssize_t n = scnprintf(str, (size_t)len, "of:N%sT%s", np->name, type);
	for (int i = 0; !of_property_read_string_index(np, "compatible", i, &compat); i++) {
		ssize_t start = n;
		n += scnprintf(str + n, (size_t)(len - n), "C%s", compat);
		for (ssize_t k = start; k < n; k++)
			if (str[k] == ' ')
				str[k] = '_';
	}
	n += scnprintf(str + n, (size_t)(len - n), "\n");
	return n;
}
