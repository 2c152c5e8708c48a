// SPDX-License-Identifier: MIT
// A cluster packet is written field by field: its type must be a plain aggregate (no constructors).
// expect: modsdk: cluster::capability::send_to/send_all(payload): the payload must be a plain aggregate
#include <modsdk/cluster.hpp>
#include <string>

namespace {
#ifdef MODSDK_CONTROL
struct hello {
  static constexpr int packet_type = 1;
  int n;
  std::string who;
};
#else
class hello {
 public:
  static constexpr int packet_type = 1;
  explicit hello(int n) : n_(n) {}

 private:
  int n_;
};
#endif
modsdk::cluster::binding clusterer;
void on_event(modsdk::cluster::node_event, int) {}
modsdk::cluster::capability<on_event> cap{clusterer, "hello"};
}  // namespace
bool f() {
#ifdef MODSDK_CONTROL
  return cap.send_all(hello{1, "a"}) == modsdk::cluster::send_result::sent;
#else
  return cap.send_all(hello{1}) == modsdk::cluster::send_result::sent;
#endif
}
