// SPDX-License-Identifier: MIT
// Target layer: constexpr parsing of `opensips -V` strings into profiles and flags.
#include <modsdk/target/parse.hpp>

using namespace modsdk;

constexpr const char* stock_3_4 =
    "STATS: On, DISABLE_NAGLE, USE_MCAST, SHM_MMAP, PKG_MALLOC, Q_MALLOC, F_MALLOC, HP_MALLOC, DBG_MALLOC, "
    "FAST_LOCK-ADAPTIVE_WAIT";
constexpr const char* stock_4_0 =
    "STATS: On, DISABLE_NAGLE, USE_MCAST, SHM_MMAP, PKG_MALLOC, Q_MALLOC, F_MALLOC, HP_MALLOC, F_PARALLEL_MALLOC, "
    "DBG_MALLOC, FAST_LOCK-ADAPTIVE_WAIT";
constexpr const char* variant_4_0 =
    "STATS: On, DISABLE_NAGLE, USE_MCAST, SHM_MMAP, PKG_MALLOC, F_MALLOC, FAST_LOCK-FUTEX-ADAPTIVE_WAIT";

// versions -> profiles
static_assert(parse_release("opensips 4.0.1 (x86_64/linux)")->patch == 1);
static_assert(profile_of(*parse_release("opensips 3.4.18 (x86_64/linux)")) == profile::v3_4);
static_assert(profile_of(*parse_release("opensips 3.5.9 (aarch64/linux)")) == profile::v3_5);
static_assert(profile_of(*parse_release("opensips 3.6.0 (x86_64/linux)")) == profile::v3_6);
static_assert(profile_of(*parse_release("opensips 3.6.6 (x86_64/linux)")) == profile::v3_6);
static_assert(profile_of(*parse_release("opensips 3.6.7 (x86_64/linux)")) == profile::v3_6_7);
static_assert(profile_of(*parse_release("opensips 3.6.8 (x86_64/linux)")) == profile::v3_6_7);
static_assert(profile_of(*parse_release("opensips 4.0.1 (x86_64/linux)")) == profile::v4_0);
static_assert(profile_of(*parse_release("opensips 4.1.0-dev (x86_64/linux)")) == profile::master);
static_assert(parse_release("opensips 4.1.0-dev (x86_64/linux)")->dev);
static_assert(!profile_of(*parse_release("opensips 3.3.9 (x86_64/linux)")));
static_assert(!profile_of(*parse_release("opensips 2.4.0 (x86_64/linux)")));
static_assert(!parse_release("4.0.1"));
static_assert(!parse_release("opensips 4.0 (x86_64/linux)"));
static_assert(!parse_release("opensips 4.0.1"));
static_assert(!parse_release("kamailio 5.8.1 (x86_64/linux)"));

// flags
constexpr auto s34 = parse_flags(stock_3_4);
static_assert(s34.statistics && s34.pkg_malloc && s34.dbg_malloc && s34.q_malloc && s34.f_malloc && s34.hp_malloc);
static_assert(!s34.f_parallel_malloc && s34.multi_allocator() && s34.conditional_shm_lock());
static_assert(s34.lock == lock_kind::fast && unsupported_flags_reason(s34).empty());
constexpr auto s40 = parse_flags(stock_4_0);
static_assert(s40.f_parallel_malloc && s40.allocator_count() == 4 && unsupported_flags_reason(s40).empty());
constexpr auto v40 = parse_flags(variant_4_0);
static_assert(!v40.dbg_malloc && v40.lock == lock_kind::futex && !v40.multi_allocator());
static_assert(!unsupported_flags_reason(v40).empty());  // single allocator: inline fm_* calls
static_assert(parse_flags("STATS: Off, PKG_MALLOC, Q_MALLOC, F_MALLOC, FAST_LOCK").statistics == false);
static_assert(!parse_flags("STATS: Off, PKG_MALLOC, Q_MALLOC, F_MALLOC, FAST_LOCK").conditional_shm_lock());
static_assert(
    !unsupported_flags_reason(parse_flags("STATS: On, SHM_EXTRA_STATS, PKG_MALLOC, Q_MALLOC, F_MALLOC, FAST_LOCK"))
         .empty());
static_assert(!unsupported_flags_reason(
                   parse_flags("STATS: On, PKG_MALLOC, Q_MALLOC, F_MALLOC, FAST_LOCK-ADAPTIVE_WAIT, DBG_LOCK"))
                   .empty());
static_assert(
    !unsupported_flags_reason(parse_flags("STATS: On, PKG_MALLOC, Q_MALLOC, F_MALLOC, USE_PTHREAD_MUTEX")).empty());
static_assert(parse_flags("STATS: On, PKG_MALLOC, Q_MALLOC, F_MALLOC, FAST_LOCK-ADAPTIVE_WAIT-NOSMP").nosmp);
static_assert(parse_flags("STATS: On, PKG_MALLOC, Q_MALLOC, F_MALLOC, FAST_LOCK-ADAPTIVE_WAIT-NOSMP").lock ==
              lock_kind::fast);

int main() { return 0; }
