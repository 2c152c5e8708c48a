// SPDX-License-Identifier: MIT
// docs/howto/async.md: an async script function (tm suspends the transaction until an fd is readable).
#include <modsdk/modsdk.hpp>

#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <string_view>

namespace {
// snippet: async_function
struct lookup {  // what the resume callback needs; pkg memory, freed there
  int fd;
  int user_length;
};

modsdk::resume_result lookup_done(int fd, modsdk::message&, lookup* l) {
  std::uint64_t ready = 0;
  const bool ok = ::read(fd, &ready, sizeof ready) == sizeof ready;
  modsdk::log::info("lookup of a {}-character user done", l->user_length);
  modsdk::pkg::free(l);
  return modsdk::resume_result::done_close_fd(ok ? 1 : -1);  // $rc in the resume route
}

// async(lookup_user("$fU"), after_lookup);
bool lookup_user(modsdk::message&, modsdk::async_context& ctx, std::string_view user) {
  int fd = ::eventfd(0, EFD_NONBLOCK);  // stands for a socket to some server
  if (fd < 0) return false;             // no I/O started: the resume route runs now, $rc -1
  auto* l = static_cast<lookup*>(modsdk::pkg::malloc(sizeof(lookup)));
  if (!l) return ::close(fd), false;
  *l = lookup{fd, static_cast<int>(user.size())};
  const std::uint64_t one = 1;
  (void)::write(fd, &one, sizeof one);  // the "answer" is there at once
  ctx.on_resume<&lookup_done>(l);
  ctx.wait_for_fd(fd);
  return true;
}
// snippet-end: async_function
}  // namespace

// snippet: async_module
MODSDK_MODULE(snippet_async, modsdk::async_functions(MODSDK_FN(lookup_user)));
// snippet-end: async_module
