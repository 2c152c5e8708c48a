// SPDX-License-Identifier: MIT
// A capability's packet handler takes the sender and the payload by const reference.
// expect: modsdk: cluster::capability<Handlers...>: each handler must be a function taking
#include <modsdk/cluster.hpp>

namespace {
struct hello {
  static constexpr int packet_type = 1;
  int n;
};
#ifdef MODSDK_CONTROL
void on_hello(const modsdk::cluster::sender&, const hello&) {}
#else
void on_hello(hello h) { (void)h; }
#endif
modsdk::cluster::binding clusterer;
modsdk::cluster::capability<on_hello> cap{clusterer, "hello"};
}  // namespace
bool f() { return cap.join(1); }
