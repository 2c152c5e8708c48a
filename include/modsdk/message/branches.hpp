// SPDX-License-Identifier: MIT
/// @file The branches appended to a request (the core's destination set, dset.h): read, changed, removed,
/// cleared - what a C module does with get_branch / update_branch / remove_branch (3.4, 3.5) or
/// get_msg_branch / update_msg_branch_* / remove_msg_branch (3.6+). Used through request::branches():
///
///     auto set = req.branches();
///     for (modsdk::branch b : set) ...;                 // b.uri, b.dst_uri, b.path, b.q, b.flags, b.socket
///     if (auto b = set.at(1)) ...;                       // nullopt, logged, past the end
///     set.set_uri(0, "sip:carol@10.0.0.2");               // and set_dst_uri, set_path, set_q, set_flags, set_socket
///     set.remove(1);                                     // the later branches move down by one
///     set.clear();
///
/// Indexes are 0-based over the appended branches, as the core's get_branch(): the first appended branch is
/// 0. (Branch flags - request::set_branch_flag - count the R-URI's branch as 0, so appended branch i is i + 1
/// there.) The set belongs to the process and the request being routed; views point into the core's copy and
/// stay valid until the set changes (an append, a change, a removal).
#pragma once
#include <cstddef>
#include <iterator>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/dset.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message/socket.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE

/// One appended branch, as the core keeps it.
struct branch {
  std::size_t index = 0;             ///< 0: the first appended branch
  std::string_view uri;              ///< where the branch goes (its R-URI)
  std::string_view dst_uri;          ///< its next hop, empty when none
  std::string_view path;             ///< its Path vector, empty when none
  std::optional<int> q;              ///< its q in thousandths, nullopt when unspecified
  unsigned flags = 0;                ///< its branch flags (bit n: flag n)
  std::optional<sip_socket> socket;  ///< the socket it is forced out of, nullopt when the core chooses
};

class request;

/// The request's appended branches (request::branches()).
class branch_set {
  static constexpr bool msg_branch = abi::for_profile_t<target.profile>::has_msg_branch;

 public:
  /// How many branches are appended.
  std::size_t size() const noexcept {
    int n = 0;
    if constexpr (msg_branch)
      n = abi::get_dset_size();
    else
      n = abi::get_nr_branches();
    return n > 0 ? static_cast<std::size_t>(n) : 0;
  }
  bool empty() const noexcept { return size() == 0; }

  /// Branch `i`, or nullopt, logged, when there is no such branch.
  std::optional<branch> at(std::size_t i) const noexcept {
    auto b = read(i);
    if (!b) no_branch("branch", i);
    return b;
  }

  /// Changes branch `i`'s URI (not empty), next hop (empty: none), Path (empty: none), q (0 - 1000, nullopt:
  /// unspecified), flags (all 32 bits), or forced socket (nullopt: the core chooses). The core copies the text.
  /// False, logged, when there is no such branch or the core refuses (a URI too long, branches frozen).
  bool set_uri(std::size_t i, std::string_view uri) noexcept {
    if (uri.empty()) return fail("set_uri", "empty URI");
    return update(i, "set_uri", [&](unsigned idx) {
      abi::str s = text(uri);
      if constexpr (msg_branch) {
        return abi::update_msg_branch_uri(idx, &s);
      } else {
        abi::str* p = &s;
        return abi::update_branch(idx, &p, nullptr, nullptr, nullptr, nullptr, nullptr);
      }
    });
  }
  bool set_dst_uri(std::size_t i, std::string_view dst_uri) noexcept {
    return update(i, "set_dst_uri", [&](unsigned idx) {
      abi::str s = text(dst_uri);
      if constexpr (msg_branch) {
        return abi::update_msg_branch_dst_uri(idx, &s);
      } else {
        abi::str* p = &s;
        return abi::update_branch(idx, nullptr, &p, nullptr, nullptr, nullptr, nullptr);
      }
    });
  }
  bool set_path(std::size_t i, std::string_view path) noexcept {
    return update(i, "set_path", [&](unsigned idx) {
      abi::str s = text(path);
      if constexpr (msg_branch) {
        return abi::update_msg_branch_path(idx, &s);
      } else {
        abi::str* p = &s;
        return abi::update_branch(idx, nullptr, nullptr, &p, nullptr, nullptr, nullptr);
      }
    });
  }
  bool set_q(std::size_t i, std::optional<int> q) noexcept {
    if (q && (*q < 0 || *q > 1000)) return fail("set_q", "q is in thousandths: 0 - 1000");
    return update(i, "set_q", [&](unsigned idx) {
      int v = q.value_or(abi::q_unspecified);
      if constexpr (msg_branch)
        return abi::update_msg_branch_q(idx, v);
      else
        return abi::update_branch(idx, nullptr, nullptr, nullptr, &v, nullptr, nullptr);
    });
  }
  bool set_flags(std::size_t i, unsigned flags) noexcept {
    return update(i, "set_flags", [&](unsigned idx) {
      if constexpr (msg_branch)
        return abi::update_msg_branch_bflags(idx, flags);
      else
        return abi::update_branch(idx, nullptr, nullptr, nullptr, nullptr, &flags, nullptr);
    });
  }
  bool set_socket(std::size_t i, std::optional<sip_socket> socket) noexcept {
    return update(i, "set_socket", [&](unsigned idx) {
      const void* si = socket ? socket->raw() : nullptr;
      if constexpr (msg_branch)
        return abi::update_msg_branch_socket(idx, si);
      else
        return abi::update_branch(idx, nullptr, nullptr, nullptr, nullptr, nullptr, &si);
    });
  }

  /// Removes branch `i` (the later ones move down by one); false, logged, when there is no such branch.
  bool remove(std::size_t i) noexcept {
    return update(i, "remove", [](unsigned idx) {
      if constexpr (msg_branch)
        return abi::remove_msg_branch(idx);
      else
        return abi::remove_branch(idx);
    });
  }
  /// Removes every appended branch (the R-URI's branch stays).
  void clear() noexcept {
    if constexpr (msg_branch)
      abi::clear_dset();
    else
      abi::clear_branches();
  }

  /// The branches in order (an input range of `branch`, read when dereferenced).
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = branch;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = branch;
    iterator() = default;
    branch operator*() const noexcept { return read(i_).value_or(branch{}); }
    iterator& operator++() noexcept {
      ++i_;
      return *this;
    }
    iterator operator++(int) noexcept {
      iterator old = *this;
      ++i_;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.i_ == b.i_; }

   private:
    friend class branch_set;
    explicit iterator(std::size_t i) noexcept : i_(i) {}
    std::size_t i_ = 0;
  };
  iterator begin() const noexcept { return iterator(0); }
  iterator end() const noexcept { return iterator(size()); }

 private:
  friend class request;
  branch_set() = default;

  static abi::str text(std::string_view s) noexcept {
    return s.empty() ? abi::str{nullptr, 0} : abi::str{const_cast<char*>(s.data()), static_cast<int>(s.size())};
  }
  static std::string_view view(const char* s, int len) noexcept {
    return s && len > 0 ? std::string_view(s, static_cast<std::size_t>(len)) : std::string_view{};
  }
  static bool fail(const char* what, std::string_view why) noexcept {
    log::write_for(log::level::error, "branches", "{}: {}", what, why);
    return false;
  }
  static void no_branch(const char* what, std::size_t i) noexcept {
    log::write_for(log::level::error, "branches", "{}: no branch {} (0 is the first appended one)", what, i);
  }
  static std::optional<branch> read(std::size_t i) noexcept {
    if (i > 0xffffffffU) return std::nullopt;
    branch b;
    b.index = i;
    int q = abi::q_unspecified;
    const void* si = nullptr;
    if constexpr (msg_branch) {
      const abi::msg_branch* m = abi::get_msg_branch(static_cast<unsigned>(i));
      if (!m) return std::nullopt;
      b.uri = view(m->uri.s, m->uri.len);
      b.dst_uri = view(m->dst_uri.s, m->dst_uri.len);
      b.path = view(m->path.s, m->path.len);
      q = m->q;
      b.flags = m->bflags;
      si = m->force_send_socket;
    } else {
      int len = 0;
      abi::str dst{nullptr, 0}, path{nullptr, 0};
      const char* uri = abi::get_branch(static_cast<unsigned>(i), &len, &q, &dst, &path, &b.flags, &si);
      if (!uri) return std::nullopt;
      b.uri = view(uri, len);
      b.dst_uri = view(dst.s, dst.len);
      b.path = view(path.s, path.len);
    }
    if (q != abi::q_unspecified) b.q = q;
    if (si) b.socket = sip_socket(si);
    return b;
  }
  template <class Call>
  bool update(std::size_t i, const char* what, Call call) noexcept {
    if (i >= size()) {
      no_branch(what, i);
      return false;
    }
    return call(static_cast<unsigned>(i)) == 0 || fail(what, "the core refused (see its log)");
  }
};

MODSDK_END_NAMESPACE
