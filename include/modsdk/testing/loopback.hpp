// SPDX-License-Identifier: MIT
/// @file The loopback plumbing of `real_core`: a UDP socket, a TCP connection that reads SIP messages off
/// the stream (framed by Content-Length), and the request as the client sends it (its top Via).
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <chrono>
#include <cstdlib>
#include <modsdk/config.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

MODSDK_BEGIN_NAMESPACE
namespace testing {
namespace detail {

/// An IPv4 UDP socket bound to 127.0.0.1 on a port of the kernel's choice; closed on destruction.
class udp_socket {
 public:
  udp_socket() : fd_(::socket(AF_INET, SOCK_DGRAM, 0)) {
    if (fd_ < 0) throw std::runtime_error("modsdk real_core: socket() failed");
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
      ::close(fd_);
      throw std::runtime_error("modsdk real_core: bind(127.0.0.1:0) failed");
    }
    port_ = ntohs(a.sin_port);
  }
  udp_socket(const udp_socket&) = delete;
  udp_socket& operator=(const udp_socket&) = delete;
  ~udp_socket() { ::close(fd_); }
  unsigned short port() const noexcept { return port_; }
  void send_to(const std::string& ip, unsigned short port, std::string_view data) const {
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    if (::inet_pton(AF_INET, ip.c_str(), &to.sin_addr) != 1)
      throw std::runtime_error("modsdk real_core: bad IPv4 address " + ip);
    if (::sendto(fd_, data.data(), data.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to) < 0)
      throw std::runtime_error("modsdk real_core: sendto " + ip + ":" + std::to_string(port) + " failed");
  }
  /// One datagram, or nullopt after `timeout`.
  std::optional<std::string> receive(std::chrono::milliseconds timeout) const {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) != 1) return std::nullopt;
    std::string buf(65536, '\0');
    const ssize_t n = ::recv(fd_, buf.data(), buf.size(), 0);
    if (n < 0) return std::nullopt;
    buf.resize(static_cast<std::size_t>(n));
    return buf;
  }

 private:
  int fd_;
  unsigned short port_ = 0;
};

/// The request as sent: CRLF line ends in the head, the top Via's transport and sent-by set to our socket
/// (the core replies there), a Via added when there is none.
inline std::string as_sent(std::string_view text, unsigned short port, std::string_view transport = "UDP") {
  const std::size_t crlf = text.find("\r\n\r\n");
  const std::size_t lf = text.find("\n\n");
  const bool crlf_first = crlf != std::string_view::npos && (lf == std::string_view::npos || crlf < lf);
  const std::size_t head_len = crlf_first ? crlf : lf == std::string_view::npos ? text.size() : lf;
  const std::size_t body_at = crlf_first ? crlf + 4 : lf == std::string_view::npos ? text.size() : lf + 2;
  const std::string sent_by = "127.0.0.1:" + std::to_string(port);
  std::vector<std::string> lines;
  for (std::size_t pos = 0; pos < head_len;) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos || nl > head_len) nl = head_len;
    std::string l(text.substr(pos, nl - pos));
    if (!l.empty() && l.back() == '\r') l.pop_back();
    lines.push_back(std::move(l));
    pos = nl + 1;
  }
  bool via = false;
  for (std::size_t i = 1; i < lines.size() && !via; ++i) {
    std::string& l = lines[i];
    const std::size_t colon = l.find(':');
    std::string name = l.substr(0, colon == std::string::npos ? 0 : colon);
    for (char& c : name) c = static_cast<char>(c | 0x20);
    if (name != "via" && name != "v") continue;
    via = true;
    const std::size_t slash = l.find("SIP/2.0/", colon);
    if (slash == std::string::npos) continue;
    std::size_t t = slash + 8;
    std::size_t te = t;
    while (te < l.size() && l[te] != ' ' && l[te] != '\t') ++te;
    l.replace(t, te - t, transport);
    std::size_t b = t + transport.size();
    while (b < l.size() && (l[b] == ' ' || l[b] == '\t')) ++b;
    std::size_t e = b;
    while (e < l.size() && l[e] != ';' && l[e] != ',' && l[e] != ' ') ++e;
    l.replace(b, e - b, sent_by);
  }
  if (!via && !lines.empty())
    lines.insert(lines.begin() + 1, "Via: SIP/2.0/" + std::string(transport) + " " + sent_by + ";branch=z9hG4bKmodsdk" +
                                        std::to_string(port));
  std::string out;
  for (const auto& l : lines) out += l + "\r\n";
  out += "\r\n";
  out.append(text.substr(body_at));
  return out;
}

/// A TCP connection from 127.0.0.1 to a core's SIP socket; closed on destruction. The core answers on the
/// same connection; receive() returns one whole SIP message at a time.
class tcp_connection {
 public:
  tcp_connection(const std::string& ip, unsigned short port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    if (fd_ < 0) throw std::runtime_error("modsdk real_core: socket() failed");
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    sockaddr_in me{};
    socklen_t len = sizeof me;
    if (::inet_pton(AF_INET, ip.c_str(), &to.sin_addr) != 1 ||
        ::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&me), &len) != 0) {
      ::close(fd_);
      throw std::runtime_error("modsdk real_core: TCP connect to " + ip + ":" + std::to_string(port) + " failed");
    }
    port_ = ntohs(me.sin_port);
  }
  tcp_connection(const tcp_connection&) = delete;
  tcp_connection& operator=(const tcp_connection&) = delete;
  ~tcp_connection() { ::close(fd_); }
  unsigned short port() const noexcept { return port_; }
  void send(std::string_view data) const {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("modsdk real_core: TCP send failed");
      data.remove_prefix(static_cast<std::size_t>(n));
    }
  }
  /// The next whole SIP message (head + Content-Length bytes of body), or nullopt on timeout or close.
  std::optional<std::string> receive(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      if (auto m = take()) return m;
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      pollfd p{fd_, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) != 1) return std::nullopt;
      char buf[8192];
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return std::nullopt;
      in_.append(buf, static_cast<std::size_t>(n));
    }
  }

 private:
  /// A whole message off the front of the stream, if one has arrived (keep-alive CRLFs skipped).
  std::optional<std::string> take() {
    while (in_.compare(0, 2, "\r\n") == 0) in_.erase(0, 2);
    const std::size_t head = in_.find("\r\n\r\n");
    if (head == std::string::npos) return std::nullopt;
    std::size_t body = 0;
    for (std::size_t pos = in_.find("\r\n"); pos < head;) {
      const std::size_t next = in_.find("\r\n", pos + 2);
      std::string name = in_.substr(pos + 2, in_.find(':', pos + 2) - pos - 2);
      for (char& c : name) c = static_cast<char>(c | 0x20);
      while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
      if (name == "content-length" || name == "l")
        body = static_cast<std::size_t>(std::strtoul(in_.c_str() + in_.find(':', pos + 2) + 1, nullptr, 10));
      pos = next;
    }
    if (in_.size() < head + 4 + body) return std::nullopt;
    std::string m = in_.substr(0, head + 4 + body);
    in_.erase(0, head + 4 + body);
    return m;
  }
  int fd_;
  unsigned short port_ = 0;
  std::string in_;
};

}  // namespace detail
}  // namespace testing
MODSDK_END_NAMESPACE
