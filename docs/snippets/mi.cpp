// SPDX-License-Identifier: MIT
// docs/howto/mi.md: Management Interface commands.
#include <modsdk/modsdk.hpp>

#include <optional>
#include <string_view>

namespace {
// snippet: mi_commands
// opensips-cli -x mi user_info alice        (or named: user=alice limit=5)
modsdk::mi_object user_info(modsdk::mi_param<std::string_view, "user"> user,
                            modsdk::mi_param<std::optional<int>, "limit"> limit) {
  modsdk::mi_object out;
  out.add("user", *user).add("limit", limit->value_or(10));
  auto devices = out.add_array("devices");
  devices.add("desk phone");
  return out;
}
void flush_cache() {}  // replies "OK"
modsdk::mi_result find(modsdk::mi_param<int, "id"> id) {
  if (*id < 0) return modsdk::mi_error{400, "negative id"};
  return "found";
}
// snippet-end: mi_commands
}  // namespace

// snippet: mi_module
MODSDK_MODULE(snippet_mi, modsdk::mi(MODSDK_MI(user_info, user_info, "Shows a user's devices"),
                                     MODSDK_MI(flush_cache, flush_cache), MODSDK_MI(find, find)));
// snippet-end: mi_module
