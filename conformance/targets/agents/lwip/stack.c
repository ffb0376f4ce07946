/*
 * stack.c - lwIP on the tap: see stack.h.
 */
#include "targets/agents/lwip/stack.h"

#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lwip/init.h"
#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#include "lwip/sys.h"
#include "lwip/tcpip.h"
#include "netif/tapif.h"

/* tapif_init() takes nothing but the netif: the MAC for tap_init(). */
static u8_t tap_mac[6];

static int read_mac(const char *ifname, u8_t mac[6])
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int rc;

	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	rc = ioctl(fd, SIOCGIFHWADDR, &ifr);
	close(fd);
	if (rc == 0)
		memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	return rc;
}

/* Debian's tapif (PRECONFIGURED_TAPIF names the tap), with the tap's MAC. */
static err_t tap_init(struct netif *netif)
{
	err_t e = tapif_init(netif);

	memcpy(netif->hwaddr, tap_mac, 6);
	return e;
}

static void init_done(void *arg)
{
	sys_sem_signal((sys_sem_t *)arg);
}

static void add_ip6(struct netif *n, const ip6_addr_t *addr)
{
	s8_t idx = -1;

	if (addr == NULL) {
		netif_create_ip6_linklocal_address(n, 1);
		idx = 0;
	} else if (netif_add_ip6_address(n, addr, &idx) != ERR_OK) {
		return;
	}
	netif_ip6_addr_set_state(n, idx, IP6_ADDR_PREFERRED); /* no DAD */
}

/* lwIP's tcpip thread, running once this returns 0. */
static int tcpip_start(void)
{
	sys_sem_t done;

	if (sys_sem_new(&done, 0) != ERR_OK)
		return -1;
	tcpip_init(init_done, &done);
	sys_sem_wait(&done);
	sys_sem_free(&done);
	return 0;
}

int stack_start(const struct al_args *args, const char *prog)
{
	static struct netif netif;
	ip4_addr_t addr, mask, gw;
	ip6_addr_t addr6;

	if (read_mac(args->ifname, tap_mac) < 0) {
		fprintf(stderr, "%s: %s: no MAC address: %s\n", prog, args->ifname, strerror(errno));
		return 3;
	}
	setenv("PRECONFIGURED_TAPIF", args->ifname, 1);
	if (tcpip_start() < 0)
		return 3;
	addr.addr = args->addr4.s_addr;
	IP4_ADDR(&mask, 255, 255, 255, 0);
	ip4_addr_set_zero(&gw);
	memcpy(addr6.addr, &args->addr6, 16);
	ip6_addr_clear_zone(&addr6);
	LOCK_TCPIP_CORE();
	if (netif_add(&netif, &addr, &mask, &gw, NULL, tap_init, tcpip_input) == NULL) {
		UNLOCK_TCPIP_CORE();
		fprintf(stderr, "%s: netif_add on %s failed\n", prog, args->ifname);
		return 3;
	}
	netif_set_default(&netif);
	netif_set_up(&netif);
	add_ip6(&netif, NULL);
	add_ip6(&netif, &addr6);
	UNLOCK_TCPIP_CORE();
	return 0;
}
