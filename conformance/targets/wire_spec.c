/* wire_spec.c - see wire_spec.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* struct ifreq, SIOCGIFFLAGS */
#endif
#include "targets/wire_spec.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/err.h"
#include "net/packet.h"

enum { GIVEN_T4 = 1, GIVEN_D4 = 2, GIVEN_T6 = 4, GIVEN_D6 = 8 };

void wire_spec_init(struct wire_spec *w)
{
	memset(w, 0, sizeof *w);
}

int wire_spec_target(struct wire_spec *w, const char *target, char *err, size_t errlen)
{
	size_t plen = strlen(WIRE_PREFIX);
	const char *name = target;

	if (strncmp(target, WIRE_PREFIX, plen) == 0)
		name = target + plen;
	if (name[0] == '\0' || strlen(name) >= sizeof w->ifname ||
	    strpbrk(name, "/, \t:") != NULL || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return err_set(err, errlen,
			       "--target %s: expected wire:IFACE, IFACE an interface name of 1 to "
			       "%zu characters without '/', ',', ':' or blanks",
			       target, sizeof w->ifname - 1);
	snprintf(w->ifname, sizeof w->ifname, "%s", name);
	return 0;
}

bool wire_addr4_allowed(const struct in_addr *a)
{
	const uint8_t *b = (const uint8_t *)&a->s_addr;

	return b[0] == 198 && (b[1] == 18 || b[1] == 19);
}

bool wire_addr6_allowed(const struct in6_addr *a)
{
	static const uint8_t doc[4] = {0x20, 0x01, 0x0d, 0xb8};

	return memcmp(a->s6_addr, doc, sizeof doc) == 0;
}

/* An IPv4 address of the test range, into text (normalised). */
static int set4(char *dst, size_t len, const char *key, const char *value, char *err,
		size_t errlen)
{
	struct in_addr a;
	const uint8_t *b = (const uint8_t *)&a.s_addr;

	if (inet_pton(AF_INET, value, &a) != 1)
		return err_set(err, errlen, "--wire-%s: expected an IPv4 address in 198.18.0.0/15, "
			       "got '%s'", key, value);
	if (!wire_addr4_allowed(&a))
		return err_set(err, errlen, "--wire-%s: expected an address in 198.18.0.0/15 "
			       "(RFC 2544's test range, the only IPv4 addresses tcpspec uses), got %s",
			       key, value);
	if ((b[1] == 18 && b[2] == 0 && b[3] == 0) || (b[1] == 19 && b[2] == 255 && b[3] == 255))
		return err_set(err, errlen, "--wire-%s: expected a host address, got %s, the "
			       "range's network or broadcast address", key, value);
	inet_ntop(AF_INET, &a, dst, (socklen_t)len);
	return 0;
}

static int set6(char *dst, size_t len, const char *key, const char *value, char *err,
		size_t errlen)
{
	struct in6_addr a;

	if (inet_pton(AF_INET6, value, &a) != 1)
		return err_set(err, errlen, "--wire-%s: expected an IPv6 address in 2001:db8::/32, "
			       "got '%s'", key, value);
	if (!wire_addr6_allowed(&a))
		return err_set(err, errlen, "--wire-%s: expected an address in 2001:db8::/32 "
			       "(RFC 3849's documentation prefix, the only IPv6 addresses tcpspec "
			       "uses), got %s", key, value);
	inet_ntop(AF_INET6, &a, dst, (socklen_t)len);
	return 0;
}

static int set_mac(struct wire_spec *w, const char *value, char *err, size_t errlen)
{
	if (pkt_mac_parse(value, w->device_mac) != 0)
		return err_set(err, errlen, "--wire-mac: expected a MAC address like "
			       "02:00:c6:12:00:02, got '%s'", value);
	if (w->device_mac[0] & 1)
		return err_set(err, errlen, "--wire-mac: expected the device's unicast MAC, got "
			       "%s, a multicast or broadcast address", value);
	w->has_mac = true;
	return 0;
}

int wire_spec_set(struct wire_spec *w, const char *key, const char *value, char *err,
		  size_t errlen)
{
	unsigned bit;
	int rc;

	if (strcmp(key, "app") == 0) {
		if (value[0] == '\0')
			return err_set(err, errlen, "--wire-app: expected a program, got ''");
		w->app = value;
		return 0;
	}
	if (strcmp(key, "mac") == 0)
		return set_mac(w, value, err, errlen);
	if (strcmp(key, "tester4") == 0 || strcmp(key, "device4") == 0) {
		bool tester = key[0] == 't';

		rc = set4(tester ? w->tester4 : w->device4, sizeof w->tester4, key, value, err, errlen);
		bit = tester ? GIVEN_T4 : GIVEN_D4;
	} else if (strcmp(key, "tester6") == 0 || strcmp(key, "device6") == 0) {
		bool tester = key[0] == 't';

		rc = set6(tester ? w->tester6 : w->device6, sizeof w->tester6, key, value, err, errlen);
		bit = tester ? GIVEN_T6 : GIVEN_D6;
	} else {
		return err_set(err, errlen, "--wire-%s: expected one of --wire-app, --wire-tester4, "
			       "--wire-device4, --wire-tester6, --wire-device6, --wire-mac", key);
	}
	if (rc != 0)
		return rc;
	w->given |= bit;
	w->has4 = (w->given & (GIVEN_T4 | GIVEN_D4)) == (GIVEN_T4 | GIVEN_D4);
	w->has6 = (w->given & (GIVEN_T6 | GIVEN_D6)) == (GIVEN_T6 | GIVEN_D6);
	return 0;
}

/* A family half given: name the missing half. */
static int half(const struct wire_spec *w, unsigned mask, const char *t, const char *d, char *err,
		size_t errlen)
{
	unsigned got = w->given & mask;

	if (got == 0 || got == mask)
		return 0;
	return err_set(err, errlen, "wire:%s: --wire-%s given without --wire-%s: the tester's and "
		       "the device's addresses go together", w->ifname,
		       (got & (GIVEN_T4 | GIVEN_T6)) ? t : d, (got & (GIVEN_T4 | GIVEN_T6)) ? d : t);
}

int wire_spec_check(const struct wire_spec *w, int family, int jobs, char *err, size_t errlen)
{
	if (w->ifname[0] == '\0')
		return err_set(err, errlen, "the wire options need --target wire:IFACE");
	if (w->app == NULL)
		return err_set(err, errlen, "wire:%s: expected --wire-app PATH, the program that "
			       "drives the device's application side (conformance/TARGETS.md)",
			       w->ifname);
	if (half(w, GIVEN_T4 | GIVEN_D4, "tester4", "device4", err, errlen) != 0 ||
	    half(w, GIVEN_T6 | GIVEN_D6, "tester6", "device6", err, errlen) != 0)
		return -1;
	if (!w->has4 && !w->has6)
		return err_set(err, errlen, "wire:%s: expected the addresses: --wire-tester4 A "
			       "--wire-device4 A (198.18.0.0/15) and/or --wire-tester6 A "
			       "--wire-device6 A (2001:db8::/32)", w->ifname);
	if (w->has4 && strcmp(w->tester4, w->device4) == 0)
		return err_set(err, errlen, "wire:%s: the tester and the device both have %s",
			       w->ifname, w->tester4);
	if (w->has6 && strcmp(w->tester6, w->device6) == 0)
		return err_set(err, errlen, "wire:%s: the tester and the device both have %s",
			       w->ifname, w->tester6);
	if (family != 6 && !w->has4)
		return err_set(err, errlen, "wire:%s: the run uses IPv4 but no --wire-tester4/"
			       "--wire-device4 were given (or run with --family 6)", w->ifname);
	if (family != 4 && !w->has6)
		return err_set(err, errlen, "wire:%s: the run uses IPv6 but no --wire-tester6/"
			       "--wire-device6 were given (or run with --family 4)", w->ifname);
	if (jobs > 1)
		return err_set(err, errlen, "wire:%s: expected --jobs 1: one device, one job, got "
			       "--jobs %d", w->ifname, jobs);
	return 0;
}

/* Does /sys/class/net/IFNAME/ENTRY exist (a bridge, a port, a master)? */
static bool sysfs_has(const char *ifname, const char *entry)
{
	char path[128];
	struct stat st;

	if (strchr(ifname, '/') != NULL ||
	    (size_t)snprintf(path, sizeof path, "/sys/class/net/%s/%s", ifname, entry) >=
		    sizeof path)
		return false;
	return lstat(path, &st) == 0;
}

int wire_iface_check(const char *ifname, char *err, size_t errlen)
{
	struct ifreq ifr;
	int fd, rc;

	if (if_nametoindex(ifname) == 0)
		return err_set(err, errlen, "wire:%s: no such interface in this network namespace "
			       "(ip link show)", ifname);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return err_set(err, errlen, "wire:%s: socket: %s", ifname, strerror(errno));
	memset(&ifr, 0, sizeof ifr);
	snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", ifname);
	rc = ioctl(fd, SIOCGIFFLAGS, &ifr);
	close(fd);
	if (rc != 0)
		return err_set(err, errlen, "wire:%s: ioctl(SIOCGIFFLAGS): %s", ifname,
			       strerror(errno));
	if (ifr.ifr_flags & IFF_LOOPBACK)
		return err_set(err, errlen, "wire:%s: a loopback interface, no device is behind it: "
			       "name the interface the device is connected to", ifname);
	if (!(ifr.ifr_flags & IFF_UP))
		return err_set(err, errlen, "wire:%s: the interface is down (tcpspec does not bring "
			       "it up: ip link set %s up)", ifname, ifname);
	if (!(ifr.ifr_flags & IFF_RUNNING))
		return err_set(err, errlen, "wire:%s: the interface is up but has no carrier (is "
			       "the device, or the other end of the link, up?)", ifname);
	/* A bridge, a bridge port or a bonded link would flood the device's
	 * answers to a MAC no host owns (the tester's) out of other ports:
	 * traffic beyond the link the user named. */
	if (ifr.ifr_flags & (IFF_SLAVE | IFF_MASTER) || sysfs_has(ifname, "bridge") ||
	    sysfs_has(ifname, "brport") || sysfs_has(ifname, "master"))
		return err_set(err, errlen, "wire:%s: a bridge, a bridge or bond port, or enslaved "
			       "to another device: the device's answers could leave by other ports; "
			       "name the interface the device alone is connected to", ifname);
	return 0;
}

/* Is text one of this host's addresses (ifaddrs)? */
static bool host_owns(const struct ifaddrs *list, const char *text, int family)
{
	uint8_t want[16], have[16];

	if (inet_pton(family, text, want) != 1)
		return false;
	for (const struct ifaddrs *i = list; i != NULL; i = i->ifa_next) {
		if (i->ifa_addr == NULL || i->ifa_addr->sa_family != family)
			continue;
		if (family == AF_INET)
			memcpy(have, &((const struct sockaddr_in *)(const void *)i->ifa_addr)->sin_addr, 4);
		else
			memcpy(have, &((const struct sockaddr_in6 *)(const void *)i->ifa_addr)->sin6_addr, 16);
		if (memcmp(want, have, family == AF_INET ? 4 : 16) == 0)
			return true;
	}
	return false;
}

int wire_addrs_foreign(const struct wire_spec *w, char *err, size_t errlen)
{
	struct ifaddrs *list;
	const char *texts[4] = {w->has4 ? w->tester4 : NULL, w->has4 ? w->device4 : NULL,
				w->has6 ? w->tester6 : NULL, w->has6 ? w->device6 : NULL};
	const char *names[4] = {"tester4", "device4", "tester6", "device6"};
	int rc = 0;

	if (getifaddrs(&list) != 0)
		return err_set(err, errlen, "getifaddrs: %s", strerror(errno));
	for (int i = 0; i < 4 && rc == 0; i++) {
		if (texts[i] == NULL || !host_owns(list, texts[i], i < 2 ? AF_INET : AF_INET6))
			continue;
		rc = err_set(err, errlen,
			     "wire:%s: --wire-%s %s is an address of this host: %s, so "
			     "tcpspec will not use it (and changes no address): give an address "
			     "no interface here has",
			     w->ifname, names[i], texts[i],
			     i % 2 == 0 ? "its kernel would answer the device's segments with RSTs"
					: "the device must be another host, behind the interface");
	}
	freeifaddrs(list);
	return rc;
}
