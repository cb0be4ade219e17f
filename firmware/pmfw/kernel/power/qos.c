/*
 * PM QoS constraints (Linux's kernel/power/qos.c): the engine every class
 * shares, the CPU latency class with /dev/cpu_dma_latency, and frequency
 * QoS. Requests are kept in a list (Linux: a priority list); the
 * aggregate is recomputed at every change, under a spinlock, and the
 * notifiers are called, outside it, when it changed.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kernfs.h>
#include <linux/pm_qos.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uio.h>

static DEFINE_SPINLOCK(pm_qos_lock);

static s32 pm_qos_get_value(struct pm_qos_constraints *c)
{
	if (list_empty(&c->list))
		return c->no_constraint_value;
	struct pm_qos_node *n;
	s32 v = list_first_entry(&c->list, struct pm_qos_node, node)->prio;
	list_for_each_entry(n, &c->list, node)
		v = c->type == PM_QOS_MIN ? min(v, n->prio) : max(v, n->prio);
	return v;
}

s32 pm_qos_read_value(struct pm_qos_constraints *c)
{
	return READ_ONCE(c->target_value);
}

int pm_qos_update_target(struct pm_qos_constraints *c, struct pm_qos_node *node,
			 enum pm_qos_req_action action, int value)
{
	s32 new_value = value == PM_QOS_DEFAULT_VALUE ? c->default_value : value;
	unsigned long flags;
	spin_lock_irqsave(&pm_qos_lock, flags);
	s32 prev = pm_qos_get_value(c);
	switch (action) {
	case PM_QOS_REMOVE_REQ:
		list_del_init(&node->node);
		break;
	case PM_QOS_UPDATE_REQ:
		list_del(&node->node);
		fallthrough;
	case PM_QOS_ADD_REQ:
		node->prio = new_value;
		list_add_tail(&node->node, &c->list);
		break;
	}
	s32 curr = pm_qos_get_value(c);
	WRITE_ONCE(c->target_value, curr);
	spin_unlock_irqrestore(&pm_qos_lock, flags);
	if (prev == curr)
		return 0;
	if (c->notifiers)
		blocking_notifier_call_chain(c->notifiers, (unsigned long)curr, NULL);
	return 1;
}

bool pm_qos_update_flags(struct pm_qos_flags *pqf, struct pm_qos_flags_request *req,
			 enum pm_qos_req_action action, s32 val)
{
	unsigned long flags;
	spin_lock_irqsave(&pm_qos_lock, flags);
	s32 prev = list_empty(&pqf->list) ? 0 : pqf->effective_flags;
	switch (action) {
	case PM_QOS_REMOVE_REQ:
		list_del_init(&req->node);
		break;
	case PM_QOS_UPDATE_REQ:
		list_del(&req->node);
		fallthrough;
	case PM_QOS_ADD_REQ:
		req->flags = val;
		list_add_tail(&req->node, &pqf->list);
		break;
	}
	s32 curr = 0;
	struct pm_qos_flags_request *r;
	list_for_each_entry(r, &pqf->list, node)
		curr |= r->flags;
	pqf->effective_flags = curr;
	spin_unlock_irqrestore(&pm_qos_lock, flags);
	return prev != curr;
}

/* ---- CPU latency QoS ------------------------------------------------------------ */

static struct pm_qos_constraints cpu_latency_constraints = {
	.list = LIST_HEAD_INIT(cpu_latency_constraints.list),
	.target_value = PM_QOS_CPU_LATENCY_DEFAULT_VALUE,
	.default_value = PM_QOS_CPU_LATENCY_DEFAULT_VALUE,
	.no_constraint_value = PM_QOS_CPU_LATENCY_DEFAULT_VALUE,
	.type = PM_QOS_MIN,
};

s32 cpu_latency_qos_limit(void)
{
	return pm_qos_read_value(&cpu_latency_constraints);
}

bool cpu_latency_qos_request_active(struct pm_qos_request *req)
{
	return req->qos == &cpu_latency_constraints;
}

void cpu_latency_qos_add_request(struct pm_qos_request *req, s32 value)
{
	if (!req)
		return;
	if (cpu_latency_qos_request_active(req)) {
		WARN(1, "%s called for already added request\n", __func__);
		return;
	}
	req->qos = &cpu_latency_constraints;
	INIT_LIST_HEAD(&req->node.node);
	pm_qos_update_target(req->qos, &req->node, PM_QOS_ADD_REQ, value);
}

void cpu_latency_qos_update_request(struct pm_qos_request *req, s32 new_value)
{
	if (!req)
		return;
	if (!cpu_latency_qos_request_active(req)) {
		WARN(1, "%s called for unknown object\n", __func__);
		return;
	}
	if (new_value != req->node.prio)
		pm_qos_update_target(req->qos, &req->node, PM_QOS_UPDATE_REQ, new_value);
}

void cpu_latency_qos_remove_request(struct pm_qos_request *req)
{
	if (!req)
		return;
	if (!cpu_latency_qos_request_active(req)) {
		WARN(1, "%s called for unknown object\n", __func__);
		return;
	}
	pm_qos_update_target(req->qos, &req->node, PM_QOS_REMOVE_REQ, PM_QOS_DEFAULT_VALUE);
	memset(req, 0, sizeof *req);
}

/*
 * /dev/cpu_dma_latency, as Linux's misc device: a read gives the
 * aggregate as a binary s32; a write sets the request of the open file —
 * 4 bytes as a binary s32, or text as a hexadecimal number (Linux's
 * kstrtos32_from_user(..., 16)) — and pmfw's files live for one
 * operation, so the request goes when the write returns: the `qos`
 * command holds requests instead.
 */
static ssize_t cpu_dma_latency_read(struct kernfs_node *kn, struct iov_iter *to)
{
	s32 v = cpu_latency_qos_limit();
	return (ssize_t)copy_to_iter(&v, sizeof v, to);
}

static ssize_t cpu_dma_latency_write(struct kernfs_node *kn, char *buf, size_t count)
{
	s32 value;
	if (count == sizeof(s32)) {
		memcpy(&value, buf, sizeof value);
	} else if (kstrtoint(buf, 16, &value)) {
		return -EINVAL;
	}
	struct pm_qos_request req = { 0 };
	cpu_latency_qos_add_request(&req, value);
	cpu_latency_qos_remove_request(&req);
	return (ssize_t)count;
}

static const struct kernfs_ops cpu_dma_latency_ops = {
	.read = cpu_dma_latency_read,
	.write = cpu_dma_latency_write,
};

static int __init cpu_latency_qos_init(void)
{
	struct kernfs_node *dev = kernfs_find(&kernfs_root, "dev");
	if (!dev)
		dev = kernfs_create_dir(&kernfs_root, "dev", 0755, NULL);
	if (IS_ERR(dev))
		return (int)PTR_ERR(dev);
	struct kernfs_node *kn =
		kernfs_create_file(dev, "cpu_dma_latency", 0600, &cpu_dma_latency_ops, NULL);
	return IS_ERR(kn) ? (int)PTR_ERR(kn) : 0;
}
late_initcall(cpu_latency_qos_init);

/* ---- frequency QoS ------------------------------------------------------------- */

void freq_constraints_init(struct freq_constraints *qos)
{
	struct pm_qos_constraints *c = &qos->min_freq;
	INIT_LIST_HEAD(&c->list);
	c->target_value = FREQ_QOS_MIN_DEFAULT_VALUE;
	c->default_value = FREQ_QOS_MIN_DEFAULT_VALUE;
	c->no_constraint_value = FREQ_QOS_MIN_DEFAULT_VALUE;
	c->type = PM_QOS_MAX;
	c->notifiers = &qos->min_freq_notifiers;
	qos->min_freq_notifiers.head = NULL;
	c = &qos->max_freq;
	INIT_LIST_HEAD(&c->list);
	c->target_value = FREQ_QOS_MAX_DEFAULT_VALUE;
	c->default_value = FREQ_QOS_MAX_DEFAULT_VALUE;
	c->no_constraint_value = FREQ_QOS_MAX_DEFAULT_VALUE;
	c->type = PM_QOS_MIN;
	c->notifiers = &qos->max_freq_notifiers;
	qos->max_freq_notifiers.head = NULL;
}

s32 freq_qos_read_value(struct freq_constraints *qos, enum freq_qos_req_type type)
{
	switch (type) {
	case FREQ_QOS_MIN:
		return qos ? pm_qos_read_value(&qos->min_freq) : FREQ_QOS_MIN_DEFAULT_VALUE;
	case FREQ_QOS_MAX:
		return qos ? pm_qos_read_value(&qos->max_freq) : FREQ_QOS_MAX_DEFAULT_VALUE;
	}
	WARN_ON(1);
	return 0;
}

static int freq_qos_apply(struct freq_qos_request *req, enum pm_qos_req_action action,
			  s32 value)
{
	switch (req->type) {
	case FREQ_QOS_MIN:
		return pm_qos_update_target(&req->qos->min_freq, &req->pnode, action, value);
	case FREQ_QOS_MAX:
		return pm_qos_update_target(&req->qos->max_freq, &req->pnode, action, value);
	}
	return -EINVAL;
}

int freq_qos_add_request(struct freq_constraints *qos, struct freq_qos_request *req,
			 enum freq_qos_req_type type, s32 value)
{
	if (!qos || !req || value < 0)
		return -EINVAL;
	if (WARN(freq_qos_request_active(req), "%s() called for active request\n", __func__))
		return -EINVAL;
	req->qos = qos;
	req->type = type;
	INIT_LIST_HEAD(&req->pnode.node);
	int ret = freq_qos_apply(req, PM_QOS_ADD_REQ, value);
	if (ret < 0) {
		req->qos = NULL;
		req->type = 0;
	}
	return ret;
}

int freq_qos_update_request(struct freq_qos_request *req, s32 new_value)
{
	if (!req || new_value < 0)
		return -EINVAL;
	if (WARN(!freq_qos_request_active(req), "%s() called for unknown object\n", __func__))
		return -EINVAL;
	if (req->pnode.prio == new_value)
		return 0;
	return freq_qos_apply(req, PM_QOS_UPDATE_REQ, new_value);
}

int freq_qos_remove_request(struct freq_qos_request *req)
{
	if (!req)
		return -EINVAL;
	if (WARN(!freq_qos_request_active(req), "%s() called for unknown object\n", __func__))
		return -EINVAL;
	int ret = freq_qos_apply(req, PM_QOS_REMOVE_REQ, PM_QOS_DEFAULT_VALUE);
	req->qos = NULL;
	req->type = 0;
	return ret;
}

int freq_qos_add_notifier(struct freq_constraints *qos, enum freq_qos_req_type type,
			  struct notifier_block *notifier)
{
	if (!qos || !notifier)
		return -EINVAL;
	switch (type) {
	case FREQ_QOS_MIN:
		return blocking_notifier_chain_register(qos->min_freq.notifiers, notifier);
	case FREQ_QOS_MAX:
		return blocking_notifier_chain_register(qos->max_freq.notifiers, notifier);
	}
	return -EINVAL;
}

int freq_qos_remove_notifier(struct freq_constraints *qos, enum freq_qos_req_type type,
			     struct notifier_block *notifier)
{
	if (!qos || !notifier)
		return -EINVAL;
	switch (type) {
	case FREQ_QOS_MIN:
		return blocking_notifier_chain_unregister(qos->min_freq.notifiers, notifier);
	case FREQ_QOS_MAX:
		return blocking_notifier_chain_unregister(qos->max_freq.notifiers, notifier);
	}
	return -EINVAL;
}
