// SPDX-License-Identifier: MIT
// docs/targets.md: core behaviour that changed between versions, handled with `if constexpr` on the stamped
// target. Built as a module for the unit-test target and for 3.4.18 (docs/snippets/CMakeLists.txt), so both
// branches compile.
#include <modsdk/modsdk.hpp>

namespace {
// snippet: targets_if_constexpr
// $msg.branch.last_idx (the index of the message's last branch; the R-URI is branch 0) exists from 3.6 on
constexpr bool has_msg_branch = modsdk::target.profile >= modsdk::profile::v3_6;
constinit modsdk::pv_spec last_branch_idx = modsdk::pv("$msg.branch.last_idx");

bool last_branch(modsdk::request& req, modsdk::writable_variable out) {
  if constexpr (has_msg_branch) {
    const auto idx = last_branch_idx(req).get_int();
    return idx && out.set(*idx);
  } else {  // a 3.4 or 3.5 core does not know the variable: the module built for it does without
    modsdk::log::warn("last_branch() needs OpenSIPS 3.6 or later; this module is built for {}", modsdk::target.version);
    return false;
  }
}
// snippet-end: targets_if_constexpr
}  // namespace

static_assert(has_msg_branch == (modsdk::target.rel.major > 3 || modsdk::target.rel.minor >= 6));

MODSDK_MODULE(snippet_targets, modsdk::functions(MODSDK_FN(last_branch)));
