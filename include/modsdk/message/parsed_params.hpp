// SPDX-License-Identifier: MIT
/// @file Parameters in any text, parsed by the core's `parse_params` (class CLASS_ANY: no well-known hooks):
/// `modsdk::parse_params(text)` gives a parsed_params, a forward range of uri_param {name, value} that owns the
/// core's list (freed with the core's free_params when it goes):
///
///     std::string_view text = "reason=busy;counter=2;x";    // e.g. what follows the ';' of a header value
///     if (auto ps = modsdk::parse_params(text)) {
///       ps->find("counter");                                  // "2"
///       for (modsdk::uri_param p : *ps) p.name;               // "reason", "counter", "x"
///     }
///
/// The views point into `text`: keep it alive (and unchanged) while the list is used.
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>
#include <utility>

#include <modsdk/abi/hdr_parsers.hpp>
#include <modsdk/abi/parsed.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message/contact.hpp>

MODSDK_BEGIN_NAMESPACE

/// The parameters the core's parse_params read from a text, in order; owns the core's list (pkg memory of this
/// process, freed by the core's free_params when destroyed). Move-only.
class parsed_params {
 public:
  parsed_params(const parsed_params&) = delete;
  parsed_params& operator=(const parsed_params&) = delete;
  parsed_params(parsed_params&& o) noexcept : first_(std::exchange(o.first_, nullptr)), rest_(o.rest_) {}
  parsed_params& operator=(parsed_params&& o) noexcept {
    if (this != &o) {
      release();
      first_ = std::exchange(o.first_, nullptr);
      rest_ = o.rest_;
    }
    return *this;
  }
  ~parsed_params() { release(); }

  header_params::iterator begin() const noexcept { return header_params(first_).begin(); }
  header_params::iterator end() const noexcept { return header_params(first_).end(); }
  bool empty() const noexcept { return first_ == nullptr; }
  std::size_t size() const noexcept { return header_params(first_).size(); }
  /// The value of the first parameter called `name` (case-insensitive): "" for a flag, nullopt when absent.
  std::optional<std::string_view> find(std::string_view name) const noexcept {
    return header_params(first_).find(name);
  }
  /// Where the core stopped: empty when it read the whole text, else from the ',' or '>' that ends the list.
  std::string_view rest() const noexcept { return rest_; }
  /// The core's param_t list.
  const abi::param* raw() const noexcept { return first_; }

 private:
  parsed_params(abi::param* first, std::string_view rest) noexcept : first_(first), rest_(rest) {}
  void release() noexcept {
    if (first_) abi::free_params(std::exchange(first_, nullptr));
  }
  friend std::optional<parsed_params> parse_params(std::string_view text) noexcept;
  abi::param* first_;
  std::string_view rest_;
};

/// The parameters at the start of `text` (`a=1;b;c="x y"`, without a leading ';'), through the core's
/// parse_params: a list that stops at a ',' or '>' outside a value (see parsed_params::rest()); an empty text
/// gives an empty list; nullopt when malformed (the core logs why: "body missing", "; expected" ...).
inline std::optional<parsed_params> parse_params(std::string_view text) noexcept {
  if (text.empty()) return parsed_params(nullptr, text);
  abi::str s{const_cast<char*>(text.data()), static_cast<int>(text.size())};
  abi::param_hooks hooks{};
  abi::param* first = nullptr;
  if (abi::parse_params(&s, abi::class_any, &hooks, &first) < 0) {
    log::write_for(log::level::debug, "parse_params", "the core could not parse the parameters (see its log)");
    return std::nullopt;
  }
  return parsed_params(first, s.len > 0 ? std::string_view(s.s, static_cast<std::size_t>(s.len)) : std::string_view{});
}

MODSDK_END_NAMESPACE
