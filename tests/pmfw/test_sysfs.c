/*
 * pmfw's file systems on the host (firmware/pmfw/fs/, lib/kobject.c):
 * paths through kernfs ("." and "..", links, what is not a directory),
 * children in name order; sysfs attributes read and written with their
 * errors (a store's errno goes back to the writer, kstrto* parsing, the
 * modes), groups, merged groups, links and their relative targets, a
 * kobject's release; debugfs files and their seq_file show functions,
 * read as a stream (in pieces of at most the seq buffer, whatever the
 * file's length) or into a buffer; debugfs variables. Everything made is
 * removed again, so the sanitizer's leak check sees every node freed.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kernfs.h>
#include <linux/kobject.h>
#include <linux/seq_file.h>
#include <linux/sysfs.h>
#include <linux/uio.h>

#include "../unit/check_run.h"

/* ---- helpers ----------------------------------------------------------------- */

static char out[8192];

/* Read into out, at most size bytes. */
static ssize_t read_some(const char *path, size_t size)
{
	struct kernfs_node *kn;
	struct iov_iter to;
	int err = kernfs_walk(path, true, &kn);
	if (err)
		return err;
	iov_iter_buffer(&to, out, size);
	ssize_t n = kernfs_read(kn, &to);
	out[to.copied] = '\0';
	return n;
}

static ssize_t read_file(const char *path)
{
	return read_some(path, sizeof out - 1);
}

static ssize_t write_file(const char *path, const char *text)
{
	struct kernfs_node *kn;
	char buf[256];
	int err = kernfs_walk(path, true, &kn);
	if (err)
		return err;
	strcpy(buf, text);
	return kernfs_write(kn, buf, strlen(buf));
}

static int walk(const char *path, bool follow)
{
	struct kernfs_node *kn;
	return kernfs_walk(path, follow, &kn);
}

/* ---- a kobject with attributes ----------------------------------------------- */

static unsigned int value = 5;

static ssize_t value_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", value);
}

static ssize_t value_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			   size_t count)
{
	unsigned int v;
	int err = kstrtouint(buf, 0, &v);
	if (err)
		return err;
	value = v;
	return (ssize_t)count;
}

static ssize_t ro_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	int n = sysfs_emit(buf, "read");
	return n + sysfs_emit_at(buf, n, "-only\n");
}

static ssize_t wo_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			size_t count)
{
	return (ssize_t)count;
}

static ssize_t broken_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return -ENXIO;
}

static struct kobj_attribute value_attr = __ATTR_RW(value);
static struct kobj_attribute ro_attr = __ATTR_RO(ro);
static struct kobj_attribute wo_attr = __ATTR_WO(wo);
static struct kobj_attribute broken_attr = __ATTR_RO(broken);

START_TEST(paths)
{
	struct kobject *top = kobject_create_and_add("pmfw", NULL);
	ck_assert_ptr_nonnull(top);
	struct kobject *a = kobject_create_and_add("a", top);
	ck_assert_int_eq(sysfs_create_file(a, &value_attr.attr), 0);
	ck_assert_int_eq(walk("/sys/pmfw/a", true), 0);
	ck_assert_int_eq(walk("sys/pmfw/a", true), 0);
	ck_assert_int_eq(walk("//sys/./pmfw//a/", true), 0);
	ck_assert_int_eq(walk("/sys/pmfw/a/../a/value", true), 0);
	ck_assert_int_eq(walk("/../../sys", true), 0);
	ck_assert_int_eq(walk("/sys/pmfw/nope", true), -ENOENT);
	ck_assert_int_eq(walk("/sys/pmfw/a/value/", true), -ENOTDIR);
	ck_assert_int_eq(walk("/sys/pmfw/a/value/x", true), -ENOTDIR);
	struct kernfs_node *kn;
	char path[64];
	ck_assert_int_eq(kernfs_walk("/sys/pmfw/a/../a/value", true, &kn), 0);
	kernfs_path(kn, path, sizeof path);
	ck_assert_str_eq(path, "/sys/pmfw/a/value");
	kernfs_path(&kernfs_root, path, sizeof path);
	ck_assert_str_eq(path, "/");
	kobject_put(a);
	kobject_put(top);
	ck_assert_int_eq(walk("/sys/pmfw", true), -ENOENT);
}
END_TEST

START_TEST(name_order_and_duplicates)
{
	struct kobject *k = kobject_create_and_add("pmfw", NULL);
	ck_assert_int_eq(sysfs_create_file(k, &wo_attr.attr), 0);
	ck_assert_int_eq(sysfs_create_file(k, &broken_attr.attr), 0);
	ck_assert_int_eq(sysfs_create_file(k, &value_attr.attr), 0);
	ck_assert_int_eq(sysfs_create_file(k, &ro_attr.attr), 0);
	ck_assert_int_eq(sysfs_create_file(k, &ro_attr.attr), -EEXIST);
	const char *want[] = { "broken", "ro", "value", "wo" };
	int i = 0;
	for (struct kernfs_node *c = k->sd->children; c; c = c->next, i++)
		ck_assert_str_eq(c->name, want[i]);
	ck_assert_int_eq(i, 4);
	/* A kobject's name is a directory name: '/' cannot be in it. */
	struct kobject *odd = kobject_create_and_add("a/b", k);
	ck_assert_str_eq(kobject_name(odd), "a!b");
	kobject_put(odd);
	kobject_put(k);
}
END_TEST

START_TEST(attributes_read_and_write)
{
	struct kobject *k = kobject_create_and_add("pmfw", NULL);
	const struct attribute *attrs[] = { &value_attr.attr, &ro_attr.attr, &wo_attr.attr,
					    &broken_attr.attr, NULL };
	ck_assert_int_eq(sysfs_create_files(k, attrs), 0);
	value = 5;
	ck_assert_int_eq(read_file("/sys/pmfw/value"), 2);
	ck_assert_str_eq(out, "5\n");
	ck_assert_int_eq(write_file("/sys/pmfw/value", "42\n"), 3);
	ck_assert_uint_eq(value, 42);
	ck_assert_int_eq(write_file("/sys/pmfw/value", "0x10"), 4);
	ck_assert_uint_eq(value, 16);
	/* The store's errors reach the writer; nothing changes. */
	ck_assert_int_eq(write_file("/sys/pmfw/value", "on\n"), -EINVAL);
	ck_assert_int_eq(write_file("/sys/pmfw/value", "12 3"), -EINVAL);
	ck_assert_int_eq(write_file("/sys/pmfw/value", "4294967296"), -ERANGE);
	ck_assert_uint_eq(value, 16);
	/* Modes: no writing a read-only file, no reading a write-only one. */
	ck_assert_int_eq(read_file("/sys/pmfw/ro"), 10);
	ck_assert_str_eq(out, "read-only\n");
	ck_assert_int_eq(write_file("/sys/pmfw/ro", "x"), -EACCES);
	ck_assert_int_eq(read_file("/sys/pmfw/wo"), -EACCES);
	ck_assert_int_eq(write_file("/sys/pmfw/wo", "x"), 1);
	ck_assert_int_eq(read_file("/sys/pmfw"), -EISDIR);
	ck_assert_int_eq(read_file("/sys/pmfw/broken"), -ENXIO);
	sysfs_remove_files(k, attrs);
	ck_assert_int_eq(read_file("/sys/pmfw/value"), -ENOENT);
	kobject_put(k);
}
END_TEST

static struct kobj_attribute hidden_attr = __ATTR_RO(ro);

static umode_t only_value(struct kobject *kobj, struct attribute *attr, int n)
{
	/* value read-only; the second attribute hidden. */
	return n == 0 ? 0444 : 0;
}

START_TEST(groups)
{
	static struct attribute *pm_attrs[] = { &value_attr.attr, &hidden_attr.attr, NULL };
	static const struct attribute_group pm_group = {
		.name = "power", .attrs = pm_attrs, .is_visible = only_value,
	};
	static struct attribute *more_attrs[] = { &wo_attr.attr, NULL };
	static const struct attribute_group more = { .name = "power", .attrs = more_attrs };
	static const struct attribute_group nowhere = { .name = "nowhere", .attrs = more_attrs };
	struct kobject *k = kobject_create_and_add("pmfw", NULL);
	ck_assert_int_eq(sysfs_merge_group(k, &more), -ENOENT);
	ck_assert_int_eq(sysfs_create_group(k, &pm_group), 0);
	ck_assert_int_eq(walk("/sys/pmfw/power/value", true), 0);
	ck_assert_int_eq(walk("/sys/pmfw/power/ro", true), -ENOENT);
	ck_assert_int_eq(write_file("/sys/pmfw/power/value", "1"), -EACCES);
	ck_assert_int_eq(sysfs_merge_group(k, &more), 0);
	ck_assert_int_eq(write_file("/sys/pmfw/power/wo", "1"), 1);
	sysfs_unmerge_group(k, &more);
	ck_assert_int_eq(walk("/sys/pmfw/power/wo", true), -ENOENT);
	ck_assert_int_eq(walk("/sys/pmfw/power/value", true), 0);
	sysfs_unmerge_group(k, &nowhere);
	sysfs_remove_group(k, &pm_group);
	ck_assert_int_eq(walk("/sys/pmfw/power", true), -ENOENT);
	kobject_put(k);
}
END_TEST

START_TEST(links)
{
	struct kobject *top = kobject_create_and_add("pmfw", NULL);
	struct kobject *a = kobject_create_and_add("a", top);
	struct kobject *b = kobject_create_and_add("b", kobject_create_and_add("deep", top));
	ck_assert_int_eq(sysfs_create_file(a, &value_attr.attr), 0);
	ck_assert_int_eq(sysfs_create_link(b, a, "to_a"), 0);
	ck_assert_int_eq(sysfs_create_link(b, a, "to_a"), -EEXIST);
	value = 7;
	ck_assert_int_eq(read_file("/sys/pmfw/deep/b/to_a/value"), 2);
	ck_assert_str_eq(out, "7\n");
	struct kernfs_node *kn;
	ck_assert_int_eq(kernfs_walk("/sys/pmfw/deep/b/to_a", false, &kn), 0);
	ck_assert_int_eq(kernfs_type(kn), KERNFS_LINK);
	char target[64];
	kernfs_link_target(kn, target, sizeof target);
	ck_assert_str_eq(target, "../../a");
	ck_assert_int_eq(kernfs_walk("/sys/pmfw/deep/b/to_a", true, &kn), 0);
	ck_assert_ptr_eq(kn, a->sd);
	/* A link to its own directory: a path through it nine times is a loop. */
	ck_assert_int_eq(sysfs_create_link(a, a, "self"), 0);
	ck_assert_int_eq(walk("/sys/pmfw/a/self/self/self/self/self/self/self/self/value", true), 0);
	ck_assert_int_eq(walk("/sys/pmfw/a/self/self/self/self/self/self/self/self/self/value", true),
			 -ELOOP);
	sysfs_remove_link(a, "self");
	sysfs_remove_link(b, "to_a");
	ck_assert_int_eq(walk("/sys/pmfw/deep/b/to_a", false), -ENOENT);
	struct kobject *deep = b->parent;
	kobject_put(b);
	kobject_put(deep);
	kobject_put(a);
	kobject_put(top);
}
END_TEST

static int released;

static void count_release(struct kobject *kobj)
{
	released++;
	free(kobj);
}

static const struct kobj_type counted_ktype = {
	.release = count_release,
	.sysfs_ops = &kobj_sysfs_ops,
};

START_TEST(kobject_lifetime)
{
	struct kobject *k = calloc(1, sizeof *k);
	ck_assert_int_eq(kobject_init_and_add(k, &counted_ktype, NULL, "obj%d", 3), 0);
	ck_assert_int_eq(walk("/sys/obj3", true), 0);
	kobject_get(k);
	kobject_put(k);
	ck_assert_int_eq(released, 0);
	kobject_del(k);
	ck_assert_int_eq(walk("/sys/obj3", true), -ENOENT);
	kobject_put(k);
	ck_assert_int_eq(released, 1);
}
END_TEST

/* ---- debugfs and seq_file ---------------------------------------------------- */

static char long_line[601];

static int summary_show(struct seq_file *m, void *v)
{
	int *n = m->private;
	for (int i = 0; i < *n; i++)
		seq_printf(m, "line %03d: %s\n", i, "some text to make the line longer");
	seq_puts(m, long_line);
	seq_putc(m, '\n');
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(summary);

static size_t chunks, biggest, total;
static char streamed[16384];

static void collect(void *arg, const char *s, size_t n)
{
	memcpy(streamed + total, s, n);
	total += n;
	chunks++;
	if (n > biggest)
		biggest = n;
}

START_TEST(seq_file_streams)
{
	static int lines = 100;
	memset(long_line, 'x', 600);
	struct dentry *dir = debugfs_create_dir("pmfw", NULL);
	ck_assert(!IS_ERR(dir));
	ck_assert(debugfs_initialized());
	struct dentry *f = debugfs_create_file("summary", 0444, dir, &lines, &summary_fops);
	ck_assert(!IS_ERR(f));
	ck_assert_ptr_eq(debugfs_lookup("summary", dir), f);
	/* What the file holds, made the same way. */
	static char want[16384];
	size_t wn = 0;
	for (int i = 0; i < lines; i++)
		wn += (size_t)sprintf(want + wn, "line %03d: %s\n", i, "some text to make the line longer");
	wn += (size_t)sprintf(want + wn, "%s\n", long_line);

	struct kernfs_node *kn;
	struct iov_iter to;
	ck_assert_int_eq(kernfs_walk("/sys/kernel/debug/pmfw/summary", true, &kn), 0);
	iov_iter_stream(&to, collect, NULL);
	ck_assert_int_eq(kernfs_read(kn, &to), (ssize_t)wn);
	ck_assert_uint_eq(total, wn);
	ck_assert(!memcmp(streamed, want, wn));
	/* Handed on piece by piece: never more than the seq buffer at once. */
	ck_assert_uint_le(biggest, 256);
	ck_assert_uint_ge(chunks, wn / 256);
	/* Into a buffer: what fits. */
	ck_assert_int_eq(read_some("/sys/kernel/debug/pmfw/summary", 300), 300);
	ck_assert(!memcmp(out, want, 300));
	/* Read-only: no writing. */
	ck_assert_int_eq(write_file("/sys/kernel/debug/pmfw/summary", "x"), -EACCES);
	ck_assert(IS_ERR(debugfs_create_file("summary", 0444, dir, &lines, &summary_fops)));
	debugfs_remove(dir);
	ck_assert_int_eq(walk("/sys/kernel/debug/pmfw", true), -ENOENT);
}
END_TEST

/* A sequence of records: start/next/show/stop, one record skipped. */
static const char *const records[] = { "alpha", "beta", "gamma", "delta" };

static void *rec_start(struct seq_file *m, loff_t *pos)
{
	return *pos < 4 ? (void *)&records[*pos] : NULL;
}

static void *rec_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return rec_start(m, pos);
}

static void rec_stop(struct seq_file *m, void *v)
{
}

static int rec_show(struct seq_file *m, void *v)
{
	const char *const *r = v;
	seq_printf(m, "%s\n", *r);
	return !strcmp(*r, "gamma") ? SEQ_SKIP : 0;
}

static const struct seq_operations records_sops = {
	.start = rec_start, .next = rec_next, .stop = rec_stop, .show = rec_show,
};
DEFINE_SEQ_ATTRIBUTE(records);

START_TEST(seq_records)
{
	struct dentry *f = debugfs_create_file("records", 0444, NULL, NULL, &records_fops);
	ck_assert_int_eq(read_file("/sys/kernel/debug/records"), 17);
	ck_assert_str_eq(out, "alpha\nbeta\ndelta\n");
	debugfs_remove(f);
}
END_TEST

START_TEST(debugfs_variables)
{
	static u32 knob = 7;
	static bool flag = true;
	struct dentry *dir = debugfs_create_dir("vars", NULL);
	debugfs_create_u32("knob", 0644, dir, &knob);
	debugfs_create_u32("fixed", 0444, dir, &knob);
	debugfs_create_bool("flag", 0600, dir, &flag);
	ck_assert_int_eq(read_file("/sys/kernel/debug/vars/knob"), 2);
	ck_assert_str_eq(out, "7\n");
	ck_assert_int_eq(write_file("/sys/kernel/debug/vars/knob", "0x20\n"), 5);
	ck_assert_uint_eq(knob, 32);
	ck_assert_int_eq(write_file("/sys/kernel/debug/vars/knob", "abc"), -EINVAL);
	ck_assert_int_eq(write_file("/sys/kernel/debug/vars/knob", "4294967296"), -ERANGE);
	ck_assert_uint_eq(knob, 32);
	ck_assert_int_eq(write_file("/sys/kernel/debug/vars/fixed", "1"), -EACCES);
	ck_assert_int_eq(read_file("/sys/kernel/debug/vars/flag"), 2);
	ck_assert_str_eq(out, "Y\n");
	ck_assert_int_eq(write_file("/sys/kernel/debug/vars/flag", "off"), 3);
	ck_assert(!flag);
	ck_assert_int_eq(write_file("/sys/kernel/debug/vars/flag", "maybe"), -EINVAL);
	debugfs_lookup_and_remove("vars", NULL);
	ck_assert_ptr_null(debugfs_lookup("vars", NULL));
	/* An error as a parent: nothing happens. */
	ck_assert(IS_ERR(debugfs_create_dir("x", ERR_PTR(-ENOMEM))));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pmfw_sysfs");
	TCase *tc = tcase_create("sysfs");
	tcase_add_test(tc, paths);
	tcase_add_test(tc, name_order_and_duplicates);
	tcase_add_test(tc, attributes_read_and_write);
	tcase_add_test(tc, groups);
	tcase_add_test(tc, links);
	tcase_add_test(tc, kobject_lifetime);
	tcase_add_test(tc, seq_file_streams);
	tcase_add_test(tc, seq_records);
	tcase_add_test(tc, debugfs_variables);
	suite_add_tcase(s, tc);
	return check_run(s);
}
