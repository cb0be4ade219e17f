/*
 * Thermal zones (tzone.h): Linux's thermal-zones binding
 * (Documentation/devicetree/bindings/thermal/thermal-zones.yaml), read on
 * the simulator's side to check the tree and to tell the report what the
 * zones saw.
 *
 *   /thermal-zones/NAME {
 *       polling-delay-passive = <ms>;  polling-delay = <ms>;
 *       thermal-sensors = <&sensor>;   (its #thermal-sensor-cells cells)
 *       trips { T { temperature = <m°C>; hysteresis = <m°C>;
 *                   type = "active" | "passive" | "hot" | "critical"; }; };
 *       cooling-maps { M { trip = <&T>; cooling-device = <&dev min max>; }; };
 *   };
 *
 * A zone's temperature is that of the thermal model's node its sensor
 * measures: the sensor's `pmsim,thermal-node` ("die" by default; pmsim's
 * sensor is devices/tsens.c, `compatible = "pmsim,tsens"`), read at every
 * step of the model, and held between steps as the model holds it.
 *
 * Refused, with the node and the property named: a zone without the
 * thermal model, a sensor that is not one (no `#thermal-sensor-cells`) or
 * that measures no node of the model, a trip without a temperature, type
 * or hysteresis or with a negative hysteresis, more than one critical
 * trip, trips whose types are out of their order (every passive trip at or
 * below every hot one, every hot one at or below the critical one), a
 * trip above the critical one, a cooling map whose trip is not one of the
 * zone's or whose device is not a cooling device (no `#cooling-cells`).
 *
 * Cooling devices are the guest's: its thermal framework writes an
 * instant marker `cdev:TYPE` with the new cooling state in ARG
 * (docs/devices/simctl.md); the time each type spent above state 0 is its
 * time throttled. Markers reach here through the trace stream.
 */
#include "pm/tzone.h"

#include <libfdt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pm/thermal.h"
#include "sim/dt.h"
#include "sim/soc.h"
#include "sim/trace.h"

enum trip_type { TRIP_ACTIVE, TRIP_PASSIVE, TRIP_HOT, TRIP_CRITICAL };
static const char *const trip_names[] = { "active", "passive", "hot", "critical" };

struct tz_trip {
	const char *name;
	int off;               /* its node, for cooling maps */
	enum trip_type type;
	double temp_c, hyst_c;
	simtime_t above;
};

struct tz_zone {
	const char *name;
	char path[256];
	unsigned node;         /* in the thermal model */
	simtime_t poll;        /* polling-delay */
	struct tz_trip *trips;
	unsigned ntrips;
	int crit;              /* index of the critical trip, -1: none */
	double t;              /* held since the latest step */
	bool crossed, diagnosed;
	simtime_t crossed_at;
	struct pm_report_trip *rtrips;
};

struct tz_cdev {
	char *type;
	uint32_t state;
	simtime_t since, throttled;
};

struct tzone_set {
	struct soc *soc;
	struct thermal *th;
	struct tz_zone *zones;
	unsigned nzones;
	simtime_t last;        /* the latest step */
	struct tz_cdev *cdevs;
	unsigned ncdevs;
	bool sink;
	struct pm_report_thermal_node *rnodes;
	struct pm_report_tzone *rzones;
	struct pm_report_cdev *rcdevs;
};

/* ---- following the model --------------------------------------------------- */

static void tz_step(void *opaque, simtime_t now)
{
	struct tzone_set *zs = opaque;
	simtime_t dt = now > zs->last ? now - zs->last : 0;
	for (unsigned i = 0; i < zs->nzones; i++) {
		struct tz_zone *z = &zs->zones[i];
		for (unsigned k = 0; k < z->ntrips; k++)
			if (z->t >= z->trips[k].temp_c)
				z->trips[k].above += dt;
		z->t = thermal_celsius(zs->th, z->node);
		if (z->crit >= 0 && !z->crossed && z->t >= z->trips[z->crit].temp_c) {
			z->crossed = true;
			z->crossed_at = now;
		}
		simtime_t grace = TZONE_GRACE_PS + z->poll;
		if (z->crossed && !z->diagnosed && now - z->crossed_at > grace) {
			z->diagnosed = true;
			soc_diag_at(zs->soc, z->crossed_at + grace, "thermal zone %s: its critical "
				    "trip (%.1f °C) was crossed at %.6f s and the guest has not "
				    "powered off %.3f s later", z->name, z->trips[z->crit].temp_c,
				    (double)z->crossed_at / 1e12, (double)grace / 1e12);
		}
	}
	zs->last = now;
}

/* A `cdev:TYPE` instant: cooling device TYPE is at state ARG from `t`. */
static void tz_trace(void *opaque, simtime_t t, const char *component, const char *var,
		     int64_t value, const char *label)
{
	struct tzone_set *zs = opaque;
	if (strcmp(component, "marker") || strcmp(var, "instant") || !label ||
	    strncmp(label, "cdev:", 5) || !label[5])
		return;
	struct tz_cdev *c = NULL;
	for (unsigned i = 0; i < zs->ncdevs && !c; i++)
		if (!strcmp(zs->cdevs[i].type, label + 5))
			c = &zs->cdevs[i];
	if (!c) {
		struct tz_cdev *l = realloc(zs->cdevs, (zs->ncdevs + 1) * sizeof *l);
		char *type = strdup(label + 5);
		if (!l || !type) {
			free(type);
			if (l)
				zs->cdevs = l;
			return;
		}
		zs->cdevs = l;
		c = &l[zs->ncdevs++];
		*c = (struct tz_cdev){ .type = type, .since = t };
	}
	if (c->state > 0 && t > c->since)
		c->throttled += t - c->since;
	if (t > c->since)
		c->since = t;
	c->state = (uint32_t)value;
}

/* ---- the tree ---------------------------------------------------------------- */

static void tz_node(const void *fdt, int off, struct dt_node *n)
{
	n->fdt = fdt;
	n->off = off;
	if (fdt_get_path(fdt, off, n->path, sizeof n->path) != 0)
		snprintf(n->path, sizeof n->path, "%s", fdt_get_name(fdt, off, NULL));
}

static bool tz_enabled(const void *fdt, int off)
{
	const char *st = fdt_getprop(fdt, off, "status", NULL);
	return !st || !strcmp(st, "okay") || !strcmp(st, "ok");
}

/* A temperature in m°C: one signed cell, within the model's range. */
static int tz_millicelsius(const struct dt_node *n, const char *prop, double *out, struct err *e)
{
	if (!dt_bool(n, prop))
		return errf(e, "%s: missing property '%s'", n->path, prop);
	if (dt_cells(n, prop) != 1)
		return errf(e, "%s: '%s' must be one cell (m°C)", n->path, prop);
	double c = (int32_t)dt_cell(n, prop, 0) / 1000.0;
	if (c < -273.15 || c > THERMAL_MAX_CELSIUS)
		return errf(e, "%s: '%s' (%.3f °C) is outside -273.15 to %.0f °C", n->path, prop,
			    c, THERMAL_MAX_CELSIUS);
	*out = c;
	return 0;
}

static int tz_sensor(struct tzone_set *zs, struct tz_zone *z, const struct dt_node *zn,
		     struct err *e)
{
	const void *fdt = zs->soc->fdt;
	int cells = dt_cells(zn, "thermal-sensors");
	if (cells <= 0)
		return errf(e, "%s: missing or malformed property 'thermal-sensors' (one "
			    "<&sensor> entry)", zn->path);
	uint32_t ph = dt_cell(zn, "thermal-sensors", 0);
	int off = fdt_node_offset_by_phandle(fdt, ph);
	if (off < 0)
		return errf(e, "%s: 'thermal-sensors' names no node (phandle %u)", zn->path, ph);
	struct dt_node sn;
	tz_node(fdt, off, &sn);
	if (!dt_bool(&sn, "#thermal-sensor-cells"))
		return errf(e, "%s: 'thermal-sensors' names %s, which is not a thermal sensor (it "
			    "has no '#thermal-sensor-cells')", zn->path, sn.path);
	if (!tz_enabled(fdt, off))
		return errf(e, "%s: 'thermal-sensors' names %s, which is disabled", zn->path,
			    sn.path);
	uint32_t sc = dt_u32_opt(&sn, "#thermal-sensor-cells", 0);
	if ((uint32_t)cells != 1 + sc)
		return errf(e, "%s: 'thermal-sensors' must be one sensor: <&sensor> and its "
			    "%u cell%s (pmsim measures a zone with one sensor)", zn->path, sc,
			    sc == 1 ? "" : "s");
	const char *name = dt_string(&sn, "pmsim,thermal-node");
	if (!name)
		name = "die";
	int idx = thermal_node_index(zs->th, name);
	if (idx < 0)
		return errf(e, "%s: 'pmsim,thermal-node' \"%s\" is not a node of the thermal "
			    "model", sn.path, name);
	z->node = (unsigned)idx;
	return 0;
}

static int tz_trips(struct tzone_set *zs, struct tz_zone *z, const struct dt_node *zn,
		    struct err *e)
{
	const void *fdt = zs->soc->fdt;
	int trips = fdt_subnode_offset(fdt, zn->off, "trips");
	if (trips < 0)
		return errf(e, "%s: no 'trips' node", zn->path);
	int t;
	fdt_for_each_subnode(t, fdt, trips) {
		struct dt_node tn;
		tz_node(fdt, t, &tn);
		struct tz_trip *l = realloc(z->trips, (z->ntrips + 1) * sizeof *l);
		if (!l)
			return errf(e, "out of memory");
		z->trips = l;
		struct tz_trip *tp = &l[z->ntrips];
		memset(tp, 0, sizeof *tp);
		tp->name = fdt_get_name(fdt, t, NULL);
		tp->off = t;
		if (tz_millicelsius(&tn, "temperature", &tp->temp_c, e))
			return -1;
		if (!dt_bool(&tn, "hysteresis"))
			return errf(e, "%s: missing property 'hysteresis'", tn.path);
		if (dt_cells(&tn, "hysteresis") != 1)
			return errf(e, "%s: 'hysteresis' must be one cell (m°C)", tn.path);
		int32_t h = (int32_t)dt_cell(&tn, "hysteresis", 0);
		if (h < 0)
			return errf(e, "%s: 'hysteresis' must not be negative (is %d m°C)", tn.path, h);
		tp->hyst_c = h / 1000.0;
		const char *type = dt_string(&tn, "type");
		if (!type)
			return errf(e, "%s: missing property 'type'", tn.path);
		unsigned k = 0;
		while (k < 4 && strcmp(type, trip_names[k]))
			k++;
		if (k == 4)
			return errf(e, "%s: 'type' is \"%s\"; expected \"active\", \"passive\", "
				    "\"hot\" or \"critical\"", tn.path, type);
		tp->type = (enum trip_type)k;
		if (tp->type == TRIP_CRITICAL) {
			if (z->crit >= 0)
				return errf(e, "%s: a second critical trip (the first is %s)", tn.path,
					    z->trips[z->crit].name);
			z->crit = (int)z->ntrips;
		}
		z->ntrips++;
	}
	/* The severities in order: passive, then hot, then critical. Active
	 * trips (fans) may be anywhere below the critical one. */
	for (unsigned i = 0; i < z->ntrips; i++) {
		const struct tz_trip *a = &z->trips[i];
		if (z->crit >= 0 && a->temp_c > z->trips[z->crit].temp_c)
			return errf(e, "%s/trips/%s: 'temperature' (%.1f °C) is above the critical "
				    "trip %s (%.1f °C)", zn->path, a->name, a->temp_c,
				    z->trips[z->crit].name, z->trips[z->crit].temp_c);
		for (unsigned j = 0; j < z->ntrips; j++) {
			const struct tz_trip *b = &z->trips[j];
			if (a->type == TRIP_ACTIVE || b->type == TRIP_ACTIVE || a->type >= b->type ||
			    a->temp_c <= b->temp_c)
				continue;
			return errf(e, "%s/trips/%s: 'temperature' (%.1f °C) of a %s trip is above "
				    "that of the %s trip %s (%.1f °C): passive, hot and critical "
				    "trips go up in that order", zn->path, a->name, a->temp_c,
				    trip_names[a->type], trip_names[b->type], b->name, b->temp_c);
		}
	}
	return 0;
}

static int tz_maps(struct tzone_set *zs, struct tz_zone *z, const struct dt_node *zn,
		   struct err *e)
{
	const void *fdt = zs->soc->fdt;
	int maps = fdt_subnode_offset(fdt, zn->off, "cooling-maps");
	if (maps < 0)
		return 0;
	int m;
	fdt_for_each_subnode(m, fdt, maps) {
		struct dt_node mn;
		tz_node(fdt, m, &mn);
		if (dt_cells(&mn, "trip") != 1)
			return errf(e, "%s: 'trip' must be one phandle of a trip of %s", mn.path,
				    z->name);
		int toff = fdt_node_offset_by_phandle(fdt, dt_cell(&mn, "trip", 0));
		bool ours = false;
		for (unsigned k = 0; k < z->ntrips; k++)
			ours |= toff >= 0 && z->trips[k].off == toff;
		if (!ours)
			return errf(e, "%s: 'trip' names no trip of %s", mn.path, z->name);
		int cells = dt_cells(&mn, "cooling-device");
		if (cells <= 0)
			return errf(e, "%s: missing or malformed property 'cooling-device'", mn.path);
		for (int pos = 0; pos < cells;) {
			uint32_t ph = dt_cell(&mn, "cooling-device", pos);
			int doff = fdt_node_offset_by_phandle(fdt, ph);
			if (doff < 0)
				return errf(e, "%s: 'cooling-device' names no node (phandle %u)",
					    mn.path, ph);
			struct dt_node dn;
			tz_node(fdt, doff, &dn);
			if (!dt_bool(&dn, "#cooling-cells"))
				return errf(e, "%s: 'cooling-device' names %s, which is not a cooling "
					    "device (it has no '#cooling-cells')", mn.path, dn.path);
			pos += 1 + (int)dt_u32_opt(&dn, "#cooling-cells", 0);
			if (pos > cells)
				return errf(e, "%s: 'cooling-device' entry for %s is short of its "
					    "#cooling-cells", mn.path, dn.path);
		}
	}
	return 0;
}

static int tz_zone_parse(struct tzone_set *zs, int off, struct err *e)
{
	const void *fdt = zs->soc->fdt;
	struct dt_node zn;
	tz_node(fdt, off, &zn);
	if (!zs->th)
		return errf(e, "%s: a thermal zone needs the thermal model (a "
			    "\"pmsim,thermal-rc\" node) to measure", zn.path);
	struct tz_zone *l = realloc(zs->zones, (zs->nzones + 1) * sizeof *l);
	if (!l)
		return errf(e, "out of memory");
	zs->zones = l;
	struct tz_zone *z = &l[zs->nzones++];
	memset(z, 0, sizeof *z);
	z->name = fdt_get_name(fdt, off, NULL);
	snprintf(z->path, sizeof z->path, "%s", zn.path);
	z->crit = -1;
	static const char *const delays[] = { "polling-delay", "polling-delay-passive" };
	for (unsigned i = 0; i < 2; i++)
		if (dt_bool(&zn, delays[i]) && dt_cells(&zn, delays[i]) != 1)
			return errf(e, "%s: '%s' must be one cell (ms)", zn.path, delays[i]);
	z->poll = (simtime_t)dt_u32_opt(&zn, "polling-delay", 0) * PS_PER_MS;
	if (tz_sensor(zs, z, &zn, e) || tz_trips(zs, z, &zn, e) || tz_maps(zs, z, &zn, e))
		return -1;
	z->t = thermal_celsius(zs->th, z->node);
	return 0;
}

int tzone_set_create(struct soc *soc, struct thermal *th, struct tzone_set **out,
		     struct err *e)
{
	*out = NULL;
	int root = fdt_path_offset(soc->fdt, "/thermal-zones");
	if (root < 0 && !th)
		return 0;
	struct tzone_set *zs = calloc(1, sizeof *zs);
	if (!zs)
		return errf(e, "out of memory");
	zs->soc = soc;
	zs->th = th;
	zs->last = sched_now(&soc->sched);
	int off;
	if (root >= 0)
		fdt_for_each_subnode(off, soc->fdt, root) {
			if (!tz_enabled(soc->fdt, off))
				continue;
			if (tz_zone_parse(zs, off, e))
				goto fail;
		}
	if (th) {
		if (thermal_subscribe(th, tz_step, zs)) {
			errf(e, "out of memory");
			goto fail;
		}
		if (trace_add_sink(&soc->trace, (struct trace_sink){ tz_trace, zs }) < 0) {
			errf(e, "/thermal-zones: no room in the trace stream for another listener");
			goto fail;
		}
		zs->sink = true;
	}
	size_t nn = th ? thermal_nodes(th) : 0;
	zs->rnodes = calloc(nn ? nn : 1, sizeof *zs->rnodes);
	zs->rzones = calloc(zs->nzones ? zs->nzones : 1, sizeof *zs->rzones);
	if (!zs->rnodes || !zs->rzones) {
		errf(e, "out of memory");
		goto fail;
	}
	for (unsigned i = 0; i < zs->nzones; i++) {
		struct tz_zone *z = &zs->zones[i];
		z->rtrips = calloc(z->ntrips ? z->ntrips : 1, sizeof *z->rtrips);
		if (!z->rtrips) {
			errf(e, "out of memory");
			goto fail;
		}
	}
	*out = zs;
	return 0;
fail:
	tzone_set_free(zs);
	return -1;
}

void tzone_set_free(struct tzone_set *zs)
{
	if (!zs)
		return;
	if (zs->sink)
		trace_remove_sink(&zs->soc->trace, zs);
	for (unsigned i = 0; i < zs->nzones; i++) {
		free(zs->zones[i].trips);
		free(zs->zones[i].rtrips);
	}
	free(zs->zones);
	for (unsigned i = 0; i < zs->ncdevs; i++)
		free(zs->cdevs[i].type);
	free(zs->cdevs);
	free(zs->rnodes);
	free(zs->rzones);
	free(zs->rcdevs);
	free(zs);
}

void tzone_set_describe(const struct tzone_set *zs, FILE *f)
{
	for (unsigned i = 0; zs && i < zs->nzones; i++) {
		const struct tz_zone *z = &zs->zones[i];
		fprintf(f, "  zone %s on %s:", z->name, thermal_node_name(zs->th, z->node));
		for (unsigned k = 0; k < z->ntrips; k++)
			fprintf(f, "%s %s %s %.3f C", k ? "," : "", z->trips[k].name,
				trip_names[z->trips[k].type], z->trips[k].temp_c);
		fprintf(f, "\n");
	}
}

/* ---- the report -------------------------------------------------------------- */

static void tz_temps(const struct thermal *th, unsigned node, simtime_t now,
		     struct pm_report_temps *t)
{
	struct thermal_stats st;
	thermal_node_stats(th, node, now, &st);
	*t = (struct pm_report_temps){ st.min_c, st.mean_c, st.max_c, st.final_c };
}

int tzone_set_report(struct tzone_set *zs, simtime_t now, struct pm_report_thermal *t)
{
	struct thermal *th = zs->th;
	memset(t, 0, sizeof *t);
	if (!th)
		return 0;
	t->present = true;
	t->ambient_c = thermal_ambient_celsius(th);
	t->step = thermal_step_ps(th);
	for (unsigned i = 0; i < thermal_nodes(th); i++) {
		zs->rnodes[i].name = thermal_node_name(th, i);
		tz_temps(th, i, now, &zs->rnodes[i].t);
	}
	t->nodes = zs->rnodes;
	t->nnodes = thermal_nodes(th);
	simtime_t held = now > zs->last ? now - zs->last : 0;
	for (unsigned i = 0; i < zs->nzones; i++) {
		struct tz_zone *z = &zs->zones[i];
		struct pm_report_tzone *r = &zs->rzones[i];
		*r = (struct pm_report_tzone){ .name = z->name, .node = thermal_node_name(th, z->node),
					       .trips = z->rtrips, .ntrips = z->ntrips,
					       .crit_crossed = z->crossed, .crit_time = z->crossed_at };
		tz_temps(th, z->node, now, &r->t);
		for (unsigned k = 0; k < z->ntrips; k++) {
			const struct tz_trip *tp = &z->trips[k];
			z->rtrips[k] = (struct pm_report_trip){
				tp->name, trip_names[tp->type], tp->temp_c, tp->hyst_c,
				tp->above + (z->t >= tp->temp_c ? held : 0),
			};
		}
		if (z->crossed && (!t->critical || z->crossed_at < t->critical_time)) {
			t->critical = true;
			t->critical_zone = z->name;
			t->critical_c = z->trips[z->crit].temp_c;
			t->critical_time = z->crossed_at;
		}
	}
	t->zones = zs->rzones;
	t->nzones = zs->nzones;
	struct pm_report_cdev *c = realloc(zs->rcdevs, (zs->ncdevs ? zs->ncdevs : 1) * sizeof *c);
	if (!c)
		return -1;
	zs->rcdevs = c;
	for (unsigned i = 0; i < zs->ncdevs; i++) {
		const struct tz_cdev *d = &zs->cdevs[i];
		simtime_t open = d->state > 0 && now > d->since ? now - d->since : 0;
		c[i] = (struct pm_report_cdev){ d->type, d->state, d->throttled + open };
	}
	t->cdevs = c;
	t->ncdevs = zs->ncdevs;
	return 0;
}
