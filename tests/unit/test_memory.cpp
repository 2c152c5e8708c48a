// SPDX-License-Identifier: MIT
// modsdk/memory.hpp against the fake core's accounted pkg/shm pools: every round trip leaves the
// accounting where it was, and allocations are attributed to the caller's line.
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <modsdk/memory.hpp>
#include <modsdk/testing.hpp>

using modsdk::testing::core;
using modsdk::testing::leak_check;

namespace {
struct tracked {
  static inline int alive = 0;
  int v;
  explicit tracked(int x) : v(x) { ++alive; }
  ~tracked() { --alive; }
};
struct throws_on_build {
  throws_on_build() { throw std::runtime_error("no"); }
};

bool any_block_mentions(const std::vector<std::string>& blocks, std::string_view what) {
  for (const auto& b : blocks)
    if (b.find(what) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("pkg malloc, realloc and free leave the pool as they found it") {
  leak_check lc;
  const auto before = core().pkg_usage();
  void* p = modsdk::pkg::malloc(100);
  REQUIRE(p != nullptr);
  CHECK(core().pkg_in_use() == before.bytes + 100);
  std::memset(p, 'a', 100);
  p = modsdk::pkg::realloc(p, 300);
  REQUIRE(p != nullptr);
  CHECK(static_cast<char*>(p)[99] == 'a');
  CHECK(core().pkg_in_use() == before.bytes + 300);
  CHECK(lc.shm_delta() == 0);
  modsdk::pkg::free(p);
  modsdk::pkg::free(nullptr);  // ignored
  CHECK(core().pkg_usage() == before);
  CHECK(lc.clean());
}

TEST_CASE("shm malloc, realloc and free leave the pool as they found it") {
  leak_check lc;
  void* p = modsdk::shm::malloc(64);
  REQUIRE(p != nullptr);
  CHECK(lc.shm_delta() == 64);
  CHECK(lc.pkg_delta() == 0);
  p = modsdk::shm::realloc(p, 128);
  REQUIRE(p != nullptr);
  CHECK(lc.shm_delta() == 128);
  modsdk::shm::free(p);
  CHECK(lc.clean());
}

TEST_CASE("an allocation is attributed to the line that asked for it") {
  const auto since = core().alloc_seq();
  void* p = modsdk::pkg::malloc(24);
  void* s = modsdk::shm::malloc(40);
  const auto blocks = core().live_blocks(since);
  CHECK(any_block_mentions(blocks, "test_memory.cpp"));
  CHECK(any_block_mentions(blocks, "pkg 24 bytes"));
  CHECK(any_block_mentions(blocks, "shm 40 bytes"));
  modsdk::pkg::free(p);
  modsdk::shm::free(s);
  CHECK(core().live_blocks(since).empty());
}

TEST_CASE("str_dup copies into pkg or shm as a NUL-terminated str") {
  leak_check lc;
  modsdk::abi::str a = modsdk::pkg::str_dup("alice");
  REQUIRE(a.s != nullptr);
  CHECK(a.len == 5);
  CHECK(std::strcmp(a.s, "alice") == 0);
  CHECK(modsdk::to_string_view(a) == "alice");
  CHECK(lc.pkg_delta() == 6);

  modsdk::abi::str b = modsdk::shm::str_dup(std::string_view("bob\0x", 5));
  REQUIRE(b.s != nullptr);
  CHECK(b.len == 5);
  CHECK(modsdk::to_string_view(b) == std::string_view("bob\0x", 5));
  CHECK(b.s[5] == '\0');

  modsdk::abi::str empty = modsdk::pkg::str_dup("");
  REQUIRE(empty.s != nullptr);
  CHECK(empty.len == 0);
  CHECK(modsdk::to_string_view(empty).empty());

  modsdk::pkg::str_free(a);
  modsdk::shm::str_free(b);
  modsdk::pkg::str_free(empty);
  CHECK(a.s == nullptr);
  CHECK(a.len == 0);
  CHECK(b.s == nullptr);
  CHECK(lc.clean());
}

TEST_CASE("standard containers over pkg_allocator and shm_allocator") {
  leak_check lc;
  {
    std::vector<int, modsdk::pkg_allocator<int>> v;
    for (int i = 0; i < 1000; ++i) v.push_back(i);
    CHECK(v[999] == 999);
    CHECK(lc.pkg_delta() >= static_cast<long long>(1000 * sizeof(int)));
    CHECK(lc.shm_delta() == 0);

    using shm_string = std::basic_string<char, std::char_traits<char>, modsdk::shm_allocator<char>>;
    shm_string s(200, 'z');
    CHECK(lc.shm_delta() > 200);
    std::map<int, int, std::less<>, modsdk::shm_allocator<std::pair<const int, int>>> m;  // rebinds to nodes
    m[1] = 2;
    CHECK(m.at(1) == 2);
  }
  CHECK(lc.clean());
  CHECK(modsdk::pkg_allocator<int>{} == modsdk::pkg_allocator<long>{});
}

TEST_CASE("a size that cannot be represented makes an allocator throw, without asking the pool") {
  leak_check lc;
  const auto seq = core().alloc_seq();
  modsdk::shm_allocator<std::uint64_t> a;
  CHECK_THROWS_AS(a.allocate(static_cast<std::size_t>(-1) / 4), std::bad_alloc);
  CHECK(core().alloc_seq() == seq);
  CHECK(lc.clean());
}

TEST_CASE("make_pkg and make_shm own one object and free it") {
  leak_check lc;
  {
    modsdk::pkg_ptr<tracked> p = modsdk::make_pkg<tracked>(7);
    modsdk::shm_ptr<tracked> s = modsdk::make_shm<tracked>(8);
    CHECK(p->v == 7);
    CHECK(s->v == 8);
    CHECK(tracked::alive == 2);
    CHECK(lc.pkg_delta() == static_cast<long long>(sizeof(tracked)));
    CHECK(lc.shm_delta() == static_cast<long long>(sizeof(tracked)));
  }
  CHECK(tracked::alive == 0);
  CHECK(lc.clean());

  // release(): the object outlives the pointer until the deleter is called by hand
  tracked* raw = modsdk::make_shm<tracked>(9).release();
  CHECK(tracked::alive == 1);
  modsdk::shm_ptr<tracked>{raw}.reset();
  CHECK(tracked::alive == 0);
  CHECK(lc.clean());
}

TEST_CASE("a constructor that throws leaves no block behind") {
  leak_check lc;
  CHECK_THROWS_AS(modsdk::make_shm<throws_on_build>(), std::runtime_error);
  CHECK_THROWS_AS(modsdk::make_pkg<throws_on_build>(), std::runtime_error);
  CHECK(lc.clean());
}
