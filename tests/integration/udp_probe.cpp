// SPDX-License-Identifier: MIT
// Integration-test helper: finds free UDP ports and exchanges one datagram (an MI JSON-RPC request to
// mi_datagram) with a timeout.
//   udp_probe free-port                      prints a UDP port on 127.0.0.1 that is free right now
//   udp_probe send <ip> <port> <text> [ms]   sends <text>, prints the reply; exit 2 on timeout
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

int usage() {
  std::fputs("usage: udp_probe free-port | udp_probe send <ip> <port> <text> [timeout-ms]\n", stderr);
  return 64;
}

int free_port() {
  int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) return std::perror("socket"), 1;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
    return std::perror("bind"), ::close(fd), 1;
  std::printf("%u\n", unsigned(ntohs(a.sin_port)));
  ::close(fd);
  return 0;
}

int send_one(const char* ip, const char* port, const std::string& text, int timeout_ms) {
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<unsigned short>(std::atoi(port)));
  if (::inet_pton(AF_INET, ip, &to.sin_addr) != 1) return std::fprintf(stderr, "bad address %s\n", ip), 64;
  int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) return std::perror("socket"), 1;
  if (::sendto(fd, text.data(), text.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to) < 0)
    return std::perror("sendto"), ::close(fd), 1;
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) != 1) {
    std::fprintf(stderr, "no reply from %s:%s within %d ms\n", ip, port, timeout_ms);
    ::close(fd);
    return 2;
  }
  static char buf[65536];
  ssize_t n = ::recv(fd, buf, sizeof buf - 1, 0);
  ::close(fd);
  if (n < 0) return std::perror("recv"), 1;
  buf[n] = '\0';
  std::printf("%s\n", buf);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "free-port") == 0) return free_port();
  if (argc >= 5 && std::strcmp(argv[1], "send") == 0)
    return send_one(argv[2], argv[3], argv[4], argc >= 6 ? std::atoi(argv[5]) : 3000);
  return usage();
}
