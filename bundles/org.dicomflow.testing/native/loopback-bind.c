/*
 * LD_PRELOAD library for test peers (dcmtk 3.6.7, Orthanc 1.10) that cannot be told which
 * address to listen on: a bind() to the IPv4 or IPv6 wildcard address is redirected to loopback,
 * so test peers are never reachable from the network. Other binds pass through unchanged.
 * Compiled at test time by org.dicomflow.testing.LoopbackShim:
 *   gcc -shared -fPIC -o loopback-bind.so loopback-bind.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/socket.h>

static int (*next_bind)(int, const struct sockaddr *, socklen_t);

int bind(int sockfd, const struct sockaddr *address, socklen_t length)
{
    if (next_bind == NULL) {
        next_bind = (int (*)(int, const struct sockaddr *, socklen_t)) dlsym(RTLD_NEXT, "bind");
    }
    if (address != NULL && address->sa_family == AF_INET && length >= sizeof(struct sockaddr_in)) {
        struct sockaddr_in v4;
        memcpy(&v4, address, sizeof(v4));
        if (v4.sin_addr.s_addr == htonl(INADDR_ANY)) {
            v4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            return next_bind(sockfd, (const struct sockaddr *) &v4, sizeof(v4));
        }
    }
    if (address != NULL && address->sa_family == AF_INET6 && length >= sizeof(struct sockaddr_in6)) {
        struct sockaddr_in6 v6;
        memcpy(&v6, address, sizeof(v6));
        if (IN6_IS_ADDR_UNSPECIFIED(&v6.sin6_addr)) {
            int only_v6 = 0;
            socklen_t size = sizeof(only_v6);
            getsockopt(sockfd, IPPROTO_IPV6, IPV6_V6ONLY, &only_v6, &size);
            /* a dual-stack socket must still take IPv4 clients of 127.0.0.1: use the mapped form */
            if (only_v6) {
                v6.sin6_addr = in6addr_loopback;
            } else {
                inet_pton(AF_INET6, "::ffff:127.0.0.1", &v6.sin6_addr);
            }
            return next_bind(sockfd, (const struct sockaddr *) &v6, sizeof(v6));
        }
    }
    return next_bind(sockfd, address, length);
}
