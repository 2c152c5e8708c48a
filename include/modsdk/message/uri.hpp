// SPDX-License-Identifier: MIT
/// @file A SIP URI parsed by the core's own parser (`parse_uri`): the Request-URI
/// (`request::parsed_ruri()`), the URI of From/To (`name_addr::uri()`), or any text (`uri::parse`).
///
///     if (auto u = modsdk::uri::parse("sip:alice@example.com:5070;transport=tcp;lr")) {
///       u->user();          // "alice"
///       u->port_number();   // 5070
///       u->param("lr");     // "" (present, no value); u->param("x") is nullopt
///     }
///
/// The views point into the parsed text (the message buffer, or the string given to parse()): keep it
/// alive as long as the uri.
#pragma once
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>

#include <modsdk/abi/msg_core.hpp>
#include <modsdk/abi/parsed.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message/headers.hpp>

MODSDK_BEGIN_NAMESPACE

/// A URI scheme parse_uri() knows.
enum class uri_scheme : int { sip = 1, sips, tel, tels, urn_service, urn_nena };

/// One `;name=value` parameter (`value` empty for a flag such as `lr`).
struct uri_param {
  std::string_view name;
  std::string_view value;
};

/// The parameters of a `;`-separated list ("transport=tcp;lr"), in order: a forward range of uri_param.
class param_range {
 public:
  class iterator {
   public:
    using value_type = uri_param;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::forward_iterator_tag;
    iterator() noexcept = default;
    explicit iterator(std::string_view rest) noexcept : rest_(rest), end_(false) { load(); }
    uri_param operator*() const noexcept { return cur_; }
    iterator& operator++() noexcept {
      load();
      return *this;
    }
    iterator operator++(int) noexcept {
      auto old = *this;
      load();
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept {
      return a.end_ == b.end_ && (a.end_ || a.rest_.data() == b.rest_.data());
    }

   private:
    void load() noexcept {
      for (;;) {
        if (rest_.empty() && done_) {
          end_ = true;
          return;
        }
        const auto semi = rest_.find(';');
        std::string_view p = rest_.substr(0, semi);
        done_ = semi == std::string_view::npos;
        rest_ = done_ ? rest_.substr(rest_.size()) : rest_.substr(semi + 1);
        p = trim(p);
        if (p.empty()) continue;
        const auto eq = p.find('=');
        cur_ = {trim(p.substr(0, eq)), eq == std::string_view::npos ? std::string_view{} : trim(p.substr(eq + 1))};
        return;
      }
    }

   public:
    /// `s` without the blanks (space, tab) around it.
    static constexpr std::string_view trim(std::string_view s) noexcept {
      while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
      while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
      return s;
    }

   private:
    std::string_view rest_;
    uri_param cur_;
    bool done_ = false;
    bool end_ = true;
  };
  explicit param_range(std::string_view text) noexcept : text_(text) {}
  iterator begin() const noexcept { return text_.data() ? iterator(text_) : iterator(); }
  iterator end() const noexcept { return iterator(); }
  bool empty() const noexcept { return begin() == end(); }
  std::size_t size() const noexcept { return static_cast<std::size_t>(std::distance(begin(), end())); }
  /// The value of the first parameter called `name` (case-insensitive): "" for a flag, nullopt when absent.
  std::optional<std::string_view> find(std::string_view name) const noexcept {
    if (name.empty()) {  // only a parameter written "=value" has an empty name
      for (uri_param p : *this)
        if (p.name.empty()) return p.value;
      return std::nullopt;
    }
    // the iteration's rules, one parameter at a time without building the others: its name (up to '='
    // or ';', blanks trimmed) compared first, its value trimmed only when the name matches
    for (std::string_view rest = text_; !rest.empty();) {
      const auto semi = rest.find(';');
      const std::string_view p = rest.substr(0, semi);
      const auto eq = p.find('=');
      if (abi::hdr_name_equal(iterator::trim(p.substr(0, eq)), name))
        return eq == std::string_view::npos ? std::string_view{} : iterator::trim(p.substr(eq + 1));
      if (semi == std::string_view::npos) break;
      rest.remove_prefix(semi + 1);
    }
    return std::nullopt;
  }

 private:
  std::string_view text_;
};

/// A URI as the core parsed it: a view of the core's own `struct sip_uri` for the Request-URI
/// (`parsed_ruri()`, valid while the R-URI is not rewritten), or a copy it holds for `uri::parse`.
class uri {
 public:
  /// A view of `parsed`, which must outlive the uri (the core's msg->parsed_uri).
  explicit uri(const abi::sip_uri& parsed) noexcept : u_(&parsed) {}
  uri(const uri& o) noexcept : u_(o.u_) { take(o); }
  uri& operator=(const uri& o) noexcept {
    if (this != &o) {
      u_ = o.u_;
      take(o);
    }
    return *this;
  }
  ~uri() = default;
  struct owned {};  ///< (the tag of the constructor parse() uses)
  /// An empty URI that owns its storage (what parse() fills).
  explicit uri(owned) noexcept : u_(&own_), own_{} {}

  /// Parses `text` with the core's parse_uri(); nullopt when the core refuses it (it logs why).
  static std::optional<uri> parse(std::string_view text) noexcept {
    std::optional<uri> out(std::in_place, owned{});
    abi::sip_uri& u = out->own_;
    if (text.empty() || text.size() > 65535 ||
        abi::parse_uri(const_cast<char*>(text.data()), static_cast<int>(text.size()), &u) < 0) {
      log::write_for(log::level::debug, "uri", "the core's parse_uri() refused the URI");
      return std::nullopt;
    }
    return out;
  }

  uri_scheme scheme() const noexcept { return static_cast<uri_scheme>(u_->type); }
  std::string_view user() const noexcept { return detail::msg::view(u_->user); }
  std::string_view password() const noexcept { return detail::msg::view(u_->passwd); }
  /// The host as written (an IPv6 reference keeps its brackets).
  std::string_view host() const noexcept { return detail::msg::view(u_->host); }
  /// The port as written, empty when absent; port_number() is 0 then.
  std::string_view port() const noexcept { return detail::msg::view(u_->port); }
  std::uint16_t port_number() const noexcept { return u_->port_no; }
  /// The transport parameter's value ("tcp"), empty when absent.
  std::string_view transport() const noexcept { return detail::msg::view(u_->transport_val); }
  /// The parameters as written (after the first ';', before '?'), and iterated / looked up.
  std::string_view params_text() const noexcept { return detail::msg::view(u_->params); }
  param_range params() const noexcept { return param_range(detail::msg::view(u_->params)); }
  /// The value of parameter `name` (case-insensitive): "" for a flag such as `lr`, nullopt when absent.
  std::optional<std::string_view> param(std::string_view name) const noexcept { return params().find(name); }
  /// The URI headers (after '?'), as written.
  std::string_view headers() const noexcept { return detail::msg::view(u_->headers); }
  /// The core's struct sip_uri.
  const abi::sip_uri& raw() const noexcept { return *u_; }

 private:
  // after u_ = o.u_: a copy of a uri that owns its storage gets its own copy of it
  void take(const uri& o) noexcept {
    if (o.u_ == &o.own_) {
      own_ = o.own_;
      u_ = &own_;
    }
  }
  const abi::sip_uri* u_;
  // not constructed for a view (816 bytes the view does not copy); the parsed URI for parse()
  union {
    abi::sip_uri own_;
  };
};

MODSDK_END_NAMESPACE
