/*
 * profile.h - profiles as data: the catalog of the switches of struct
 * tcp_profile (what each means, the RFC sentence it concerns, and whether
 * setting it is a choice the RFCs leave open or a departure, with the
 * requirement label it breaks), the built-in profiles with the source of
 * each switch they set, and the plain-text profile file (docs/design.md,
 * "Profile files"; tcpspec(1), PROFILE FILES):
 *
 *	# tcpspec profile
 *	name = mystack
 *	describes = MyStack 1.2 (src/tcp_in.c)
 *	rst_challenge = true
 *	rst_challenge.source = src/tcp_in.c:tcp_input()
 *	rst_challenge.status = permitted
 *	keepalive_probes = 5
 *	keepalive_probes.source = src/opt.h:TCP_KEEPCNT
 *
 * The model knows the switches (model/tcp_profile.c: names, meanings,
 * offsets); this catalog is the one place that knows what the RFCs say of
 * each.  The model's proofs quantify over every value of struct
 * tcp_profile (it is an input of tcp_step), so a profile read from a file is
 * covered by them like a built-in one.
 */
#ifndef TCPSPEC_PROFILE_H
#define TCPSPEC_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model/tcp.h"

#define PROFILE_NAME_MAX 24       /* 23 characters: [A-Za-z0-9._-] */
#define PROFILE_TEXT_MAX 200
#define PROFILE_MAX_SWITCHES 48

/* What setting a switch means to RFC 9293.  A switch that is not set (false,
 * or a counter at 0 where 0 means "never") leaves the RFC's behaviour. */
enum profile_status {
	PROFILE_RFC,       /* not set: the RFC's own behaviour */
	PROFILE_PERMITTED, /* a choice the RFCs leave open */
	PROFILE_DEPARTURE, /* breaks an RFC 9293 sentence (label, or section) */
};

/* One switch of struct tcp_profile, as the catalog knows it. */
struct profile_switch {
	const char *name;         /* the field of struct tcp_profile */
	const char *doc;          /* what it does when set (model/tcp_profile.c) */
	unsigned offset;          /* offsetof(struct tcp_profile, name) */
	bool is_bool;             /* else uint8_t */
	enum profile_status when_set; /* the status of a set switch (counters:
				       * of a value at or above depart_below) */
	unsigned depart_below;    /* counters: a value 0 < v < this departs */
	const char *label;        /* the requirement label it concerns, or "" */
	const char *section;      /* "RFC 9293 3.10.7.4" */
	const char *where;        /* within it: "fifth check; RFC 5961 5.2", or "" */
	const char *rfc;          /* what the RFC says: its sentence or summary */
	const char *note;         /* why the status */
};

/* A profile the harness runs: a built-in one, or one read from a file. */
struct profile_def {
	char name[PROFILE_NAME_MAX];
	char describes[PROFILE_TEXT_MAX];
	int builtin;              /* enum tcp_profile_id, or -1: a profile of its own */
	struct tcp_profile tcp;   /* what the model is given */
	char source[PROFILE_MAX_SWITCHES][PROFILE_TEXT_MAX]; /* by switch index */
	char path[256];           /* the file it was read from, "" for a built-in */
};

/* --- the catalog (profile_catalog.c) ------------------------------------ */

/* The switches, in the model's order. */
unsigned profile_nswitches(void);
/* Switch i: 0, or -1 when the model has a switch the catalog lacks (then
 * *out holds the model's name and meaning, status unknown). */
int profile_switch_get(unsigned i, struct profile_switch *out);
/* Entries of the catalog that name no switch of the model: how many (their
 * names, space separated, in names). */
unsigned profile_catalog_stray(char *names, size_t len);
/* The index of switch NAME, or -1. */
int profile_switch_find(const char *name);

unsigned profile_value(const struct profile_switch *sw, const struct tcp_profile *p);
void profile_value_set(const struct profile_switch *sw, struct tcp_profile *p, unsigned v);
/* The status of value v of the switch. */
enum profile_status profile_status_of(const struct profile_switch *sw, unsigned v);
/* "permitted", "departure MUST-29", "departure RFC 9293 3.10.7.4" (a
 * sentence without a label) or "RFC 9293" (not set). */
const char *profile_status_text(const struct profile_switch *sw, unsigned v, char *buf,
				size_t len);

/* --- the built-in profiles (profile_catalog.c) ---------------------------- */

/* Built-in profile id with the source of each switch it sets. */
void profile_builtin(enum tcp_profile_id id, struct profile_def *out);
/* A built-in profile by name: 0, or -1. */
int profile_builtin_find(const char *name, struct profile_def *out);
/* "rfc9293|rfc9293-5961|linux|lwip" */
const char *profile_builtin_names(void);

/* --- files (profile_file.c) ----------------------------------------------- */

/* Read a profile file: 0, or -1 with err "PATH:LINE: expected ..., got ...". */
int profile_file_read(const char *path, struct profile_def *out, char *err, size_t errlen);
/* The same from text (path names it in messages). */
int profile_file_parse(const char *text, const char *path, struct profile_def *out,
		       char *err, size_t errlen);
/* The file form of p: every switch, with its meaning, source and status. */
void profile_file_write(FILE *f, const struct profile_def *p);

/* `--profile NAME` or `--profile-file PATH` (opt is the option's name):
 * 0, or -1 with err. */
int profile_option(const char *opt, const char *value, struct profile_def *out, char *err,
		   size_t errlen);

#endif
