// SPDX-License-Identifier: MIT
/// @file The OpenSIPS core this translation unit is built for, as a compile-time profile.
/// The strings come from modsdk_add_module (CMake), which reads them from `opensips -V` or from
/// the table of stock releases. Everything in modsdk that depends on the target asks `modsdk::target`.
#pragma once
#include <modsdk/config.hpp>
#include <modsdk/target/parse.hpp>

#if !defined(MODSDK_TARGET_VERSION) || !defined(MODSDK_TARGET_FLAGS)
#error \
    "modsdk: no OpenSIPS target. Build with modsdk_add_module(<name> SOURCES ... OPENSIPS /path/to/opensips) or modsdk_add_module(<name> SOURCES ... TARGET 4.0.1), or stamp a target with modsdk_stamp_target(); by hand: -DMODSDK_TARGET_VERSION='\"opensips 4.0.1 (x86_64/linux)\"' -DMODSDK_TARGET_FLAGS='\"...\"' as printed by `opensips -V`"
#endif
#ifndef MODSDK_TARGET_SCM_TYPE
#define MODSDK_TARGET_SCM_TYPE "git"
#endif
#ifndef MODSDK_TARGET_SCM_REV
#define MODSDK_TARGET_SCM_REV ""
#endif

MODSDK_BEGIN_NAMESPACE

/// Everything modsdk knows about the target core, at compile time.
struct target_info {
  std::string_view version;   ///< the `version:` line of `opensips -V`
  std::string_view flags;     ///< the `flags:` line
  std::string_view scm_type;  ///< fallback only: the real one is copied from the core at load
  std::string_view scm_rev;
  release rel;
  modsdk::profile profile;
  core_flags core;
};

namespace detail {
inline constexpr auto stamped_release = parse_release(MODSDK_TARGET_VERSION);
inline constexpr auto stamped_profile = stamped_release ? profile_of(*stamped_release) : std::nullopt;
inline constexpr core_flags stamped_flags = parse_flags(MODSDK_TARGET_FLAGS);
}  // namespace detail

static_assert(detail::stamped_release.has_value(),
              "modsdk: MODSDK_TARGET_VERSION \"" MODSDK_TARGET_VERSION
              "\" is not an OpenSIPS version line; "
              "expected the text after 'version: ' in `opensips -V`, e.g. \"opensips 4.0.1 (x86_64/linux)\"");
static_assert(detail::stamped_profile.has_value(), "modsdk: target \"" MODSDK_TARGET_VERSION
                                                   "\" is not supported; modsdk serves OpenSIPS 3.4, 3.5, "
                                                   "3.6 and 4.0 (4.1.0-dev best effort)");
static_assert(detail::stamped_flags.statistics || std::string_view(MODSDK_TARGET_FLAGS).starts_with("STATS: Off"),
              "modsdk: MODSDK_TARGET_FLAGS \"" MODSDK_TARGET_FLAGS
              "\" is not a compile-flags line; expected the "
              "text after 'flags: ' in `opensips -V`");
#define MODSDK_DETAIL_REFUSE(cond, why)                                                             \
  static_assert(!(cond), "modsdk: target flags \"" MODSDK_TARGET_FLAGS "\" are not supported: " why \
                         " (modsdk serves the stock multi-allocator builds; see docs/targets.md)")
MODSDK_DETAIL_REFUSE(detail::stamped_flags.shm_extra_stats,
                     "SHM_EXTRA_STATS books shm per module through an index generated into the core at build time");
MODSDK_DETAIL_REFUSE(detail::stamped_flags.dbg_lock, "DBG_LOCK changes the layout of every core lock");
MODSDK_DETAIL_REFUSE(!detail::stamped_flags.pkg_malloc, "without PKG_MALLOC pkg memory is libc malloc");
MODSDK_DETAIL_REFUSE(detail::stamped_flags.pkg_malloc && !detail::stamped_flags.multi_allocator(),
                     "a single-allocator build calls fm_/qm_/hp_ functions inline; modsdk needs two or more "
                     "allocators (the gen_* entry points)");
MODSDK_DETAIL_REFUSE(detail::stamped_flags.lock != lock_kind::fast && detail::stamped_flags.lock != lock_kind::futex,
                     "the core's mem_lock must be FAST_LOCK or FAST_LOCK-FUTEX");
#undef MODSDK_DETAIL_REFUSE
static_assert(unsupported_flags_reason(detail::stamped_flags).empty());

/// The stamped target of this translation unit.
inline constexpr target_info target{MODSDK_TARGET_VERSION, MODSDK_TARGET_FLAGS,      MODSDK_TARGET_SCM_TYPE,
                                    MODSDK_TARGET_SCM_REV, *detail::stamped_release, *detail::stamped_profile,
                                    detail::stamped_flags};

MODSDK_END_NAMESPACE
