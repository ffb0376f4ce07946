/*
 * check_wire.c - Check suite for what `--target wire:IFACE` accepts and
 * refuses (conformance/targets/wire_spec.c, target_wire.c), without root
 * and without a device: the interface's name, the addresses (198.18.0.0/15
 * and 2001:db8::/32 only, the house rule of conformance/TARGETS.md "A
 * device on a real wire"), the device's MAC, the whole before a run, an
 * interface that is loopback or absent, an address this host owns.
 * tests/check_wire.sh runs the target itself, against lwIP across a veth.
 */
#include <check.h>
#include <string.h>

#include "support/model_check.h"
#include "targets/target.h"
#include "targets/wire_spec.h"

/* A spec with both families, as check_wire.sh gives them. */
static void full(struct wire_spec *w)
{
	char err[256];

	wire_spec_init(w);
	ck_assert_int_eq(wire_spec_target(w, "wire:veth0", err, sizeof err), 0);
	ck_assert_int_eq(wire_spec_set(w, "app", "./board.sh", err, sizeof err), 0);
	ck_assert_int_eq(wire_spec_set(w, "tester4", "198.18.7.1", err, sizeof err), 0);
	ck_assert_int_eq(wire_spec_set(w, "device4", "198.18.7.2", err, sizeof err), 0);
	ck_assert_int_eq(wire_spec_set(w, "tester6", "2001:db8:7::1", err, sizeof err), 0);
	ck_assert_int_eq(wire_spec_set(w, "device6", "2001:db8:7::2", err, sizeof err), 0);
}

/* wire:IFACE names one interface: 1..15 bytes, nothing that is a path or
 * a list. */
START_TEST(test_target_names_one_interface)
{
	struct wire_spec w;
	char err[256];

	wire_spec_init(&w);
	ck_assert_int_eq(wire_spec_target(&w, "wire:enp3s0", err, sizeof err), 0);
	ck_assert_str_eq(w.ifname, "enp3s0");
	ck_assert_int_eq(wire_spec_target(&w, "wire:", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "expected wire:IFACE"));
	ck_assert_int_eq(wire_spec_target(&w, "wire:a/b", err, sizeof err), -1);
	ck_assert_int_eq(wire_spec_target(&w, "wire:a,b", err, sizeof err), -1);
	ck_assert_int_eq(wire_spec_target(&w, "wire:sixteen-bytes-xy", err, sizeof err), -1);
	ck_assert_int_eq(wire_spec_target(&w, "wire:..", err, sizeof err), -1);
}
END_TEST

/* IPv4: 198.18.0.0/15 (RFC 2544) only, host addresses only; the error names
 * the option, the value and the range expected. */
START_TEST(test_ipv4_only_in_198_18_slash_15)
{
	struct wire_spec w;
	char err[256];

	wire_spec_init(&w);
	ck_assert_int_eq(wire_spec_set(&w, "tester4", "198.18.0.1", err, sizeof err), 0);
	ck_assert_int_eq(wire_spec_set(&w, "device4", "198.19.255.254", err, sizeof err), 0);
	ck_assert(w.has4);
	ck_assert_str_eq(w.device4, "198.19.255.254");
	for (const char *const *a = (const char *const[]){"198.17.255.255", "198.20.0.1",
							   "10.0.0.1", "192.0.2.1", NULL};
	     *a != NULL; a++) {
		ck_assert_int_eq(wire_spec_set(&w, "device4", *a, err, sizeof err), -1);
		ck_assert_ptr_nonnull(strstr(err, "--wire-device4"));
		ck_assert_ptr_nonnull(strstr(err, "198.18.0.0/15"));
		ck_assert_ptr_nonnull(strstr(err, *a));
	}
	ck_assert_int_eq(wire_spec_set(&w, "tester4", "198.18.0.0", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "network or broadcast"));
	ck_assert_int_eq(wire_spec_set(&w, "tester4", "198.19.255.255", err, sizeof err), -1);
	ck_assert_int_eq(wire_spec_set(&w, "tester4", "198.18.7", err, sizeof err), -1);
	ck_assert_int_eq(wire_spec_set(&w, "tester4", "2001:db8::1", err, sizeof err), -1);
}
END_TEST

/* IPv6: 2001:db8::/32 (RFC 3849) only; the text is kept normalised. */
START_TEST(test_ipv6_only_in_2001_db8_slash_32)
{
	struct wire_spec w;
	char err[256];

	wire_spec_init(&w);
	ck_assert_int_eq(wire_spec_set(&w, "tester6", "2001:DB8:0::1", err, sizeof err), 0);
	ck_assert_str_eq(w.tester6, "2001:db8::1");
	ck_assert_int_eq(wire_spec_set(&w, "device6", "2001:db8:ffff::2", err, sizeof err), 0);
	ck_assert(w.has6);
	for (const char *const *a = (const char *const[]){"2001:db9::1", "fe80::1", "::1",
							   "fd00::1", "2001:470::1", NULL};
	     *a != NULL; a++) {
		ck_assert_int_eq(wire_spec_set(&w, "device6", *a, err, sizeof err), -1);
		ck_assert_ptr_nonnull(strstr(err, "2001:db8::/32"));
	}
	ck_assert_int_eq(wire_spec_set(&w, "tester6", "198.18.0.1", err, sizeof err), -1);
}
END_TEST

/* The device's MAC, when given, is a unicast Ethernet address. */
START_TEST(test_mac_is_unicast_ethernet)
{
	struct wire_spec w;
	char err[256];

	wire_spec_init(&w);
	ck_assert_int_eq(wire_spec_set(&w, "mac", "02:00:c6:12:00:02", err, sizeof err), 0);
	ck_assert(w.has_mac);
	ck_assert_uint_eq(w.device_mac[5], 0x02);
	ck_assert_int_eq(wire_spec_set(&w, "mac", "ff:ff:ff:ff:ff:ff", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "multicast or broadcast"));
	ck_assert_int_eq(wire_spec_set(&w, "mac", "02:00:c6:12:00", err, sizeof err), -1);
}
END_TEST

/* An option that is not the wire target's is named in the error. */
START_TEST(test_unknown_option_is_refused)
{
	struct wire_spec w;
	char err[256];

	wire_spec_init(&w);
	ck_assert_int_eq(wire_spec_set(&w, "gateway", "198.18.0.1", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "--wire-gateway"));
	ck_assert_int_eq(wire_spec_set(&w, "app", "", err, sizeof err), -1);
}
END_TEST

/* Before a run: a program, both addresses of each family given, tester
 * and device apart, the run's families present, one job. */
START_TEST(test_whole_spec_before_a_run)
{
	struct wire_spec w;
	char err[256];

	full(&w);
	ck_assert_int_eq(wire_spec_check(&w, 0, 1, err, sizeof err), 0);
	ck_assert_int_eq(wire_spec_check(&w, 0, 2, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "--jobs 1"));

	w.app = NULL;
	ck_assert_int_eq(wire_spec_check(&w, 0, 1, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "--wire-app"));

	wire_spec_init(&w);
	wire_spec_target(&w, "wire:veth0", err, sizeof err);
	wire_spec_set(&w, "app", "./board.sh", err, sizeof err);
	ck_assert_int_eq(wire_spec_check(&w, 4, 1, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "expected the addresses"));
	wire_spec_set(&w, "tester4", "198.18.7.1", err, sizeof err);
	ck_assert_int_eq(wire_spec_check(&w, 4, 1, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "--wire-tester4 given without --wire-device4"));
	wire_spec_set(&w, "device4", "198.18.7.1", err, sizeof err);
	ck_assert_int_eq(wire_spec_check(&w, 4, 1, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "both have 198.18.7.1"));
	wire_spec_set(&w, "device4", "198.18.7.2", err, sizeof err);
	ck_assert_int_eq(wire_spec_check(&w, 4, 1, err, sizeof err), 0);
	/* the default --family both needs IPv6 too */
	ck_assert_int_eq(wire_spec_check(&w, 0, 1, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "--family 4"));
	ck_assert_int_eq(wire_spec_check(&w, 6, 1, err, sizeof err), -1);
}
END_TEST

/* Loopback and absent interfaces are refused with the reason (lo exists
 * in every namespace; no root needed for SIOCGIFFLAGS). */
START_TEST(test_loopback_and_absent_interfaces_are_refused)
{
	char err[256];

	ck_assert_int_eq(wire_iface_check("lo", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "loopback"));
	ck_assert_int_eq(wire_iface_check("tcpspec-none0", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "no such interface"));
}
END_TEST

/* An address this host owns is refused: its kernel would answer the
 * device for it.  (127.0.0.1 stands for any owned address; the range check
 * is wire_spec_set's, bypassed here.) */
START_TEST(test_address_of_this_host_is_refused)
{
	struct wire_spec w;
	char err[256];

	full(&w);
	ck_assert_int_eq(wire_addrs_foreign(&w, err, sizeof err), 0);
	strcpy(w.tester4, "127.0.0.1");
	ck_assert_int_eq(wire_addrs_foreign(&w, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "--wire-tester4 127.0.0.1 is an address of this host"));
	ck_assert_ptr_nonnull(strstr(err, "RST"));
}
END_TEST

/* wire:IFACE is a target; a wire target without its options is an error
 * naming them, and nothing is started. */
START_TEST(test_wire_target_without_options_names_them)
{
	const struct target_ops *ops = target_find("wire:veth0");
	struct target t;
	struct target_config cfg = {.spec = "wire:veth0"};
	char err[256] = "";

	ck_assert_ptr_eq(ops, &target_wire_ops);
	ck_assert_ptr_null(target_find("wire:"));
	ck_assert_int_eq(ops->setup(&t, &cfg, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "--wire-app"));
	ops->teardown(&t);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("wire");
	TCase *tc = tcase_create("spec");

	tcase_add_test(tc, test_target_names_one_interface);
	tcase_add_test(tc, test_ipv4_only_in_198_18_slash_15);
	tcase_add_test(tc, test_ipv6_only_in_2001_db8_slash_32);
	tcase_add_test(tc, test_mac_is_unicast_ethernet);
	tcase_add_test(tc, test_unknown_option_is_refused);
	tcase_add_test(tc, test_whole_spec_before_a_run);
	tcase_add_test(tc, test_loopback_and_absent_interfaces_are_refused);
	tcase_add_test(tc, test_address_of_this_host_is_refused);
	tcase_add_test(tc, test_wire_target_without_options_names_them);
	suite_add_tcase(s, tc);
	return model_run_suite(s);
}
