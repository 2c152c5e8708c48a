// SPDX-License-Identifier: MIT
// docs/howto/memory.md: the core's pkg (per process) and shm (shared) pools.
#include <modsdk/modsdk.hpp>

#include <cstring>
#include <string_view>
#include <vector>

namespace {
// snippet: memory_raw
bool copy_user(modsdk::request&, std::string_view user) {
  auto* buf = static_cast<char*>(modsdk::pkg::malloc(user.size() + 1));  // this process only
  if (!buf) return false;
  std::memcpy(buf, user.data(), user.size());
  buf[user.size()] = '\0';
  modsdk::log::debug("copied {}", buf);
  modsdk::pkg::free(buf);
  return true;
}
// snippet-end: memory_raw

// snippet: memory_typed
struct session {
  int id;
  long started;
};
bool open_session(modsdk::request&, int id) {
  modsdk::shm_ptr<session> s = modsdk::make_shm<session>(session{id, 0});  // freed when s goes away
  if (!s) return false;
  std::vector<int, modsdk::pkg_allocator<int>> ids{1, 2, 3};  // a container in pkg
  return s->id == id && ids.size() == 3;
}
// snippet-end: memory_typed
}  // namespace

MODSDK_MODULE(snippet_memory, modsdk::functions(MODSDK_FN(copy_user), MODSDK_FN(open_session)));
